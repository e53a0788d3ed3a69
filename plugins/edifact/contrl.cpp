#include "contrl.hpp"
namespace edigate::edifact {
Result<InterchangeData> build_contrl(const InterchangeReport&, const AckOptions&) { return Error("edifact.todo", "todo"); }
}
