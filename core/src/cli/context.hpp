#pragma once
// What every subcommand shares: the runtime (plugins, schemas, partners, maps) opened from the
// command line's folders, reader options from the command line, and opening an input with its
// format detected. Everything else is the runtime's.
#include "cli/args.hpp"
#include "io/file_input.hpp"
#include "io/peek_input.hpp"
#include "runtime/runtime.hpp"
#include "translation/inbound.hpp"

#include <iosfwd>
#include <memory>
#include <vector>

namespace edigate::cli {

/// Options every command that reads EDI accepts, documented (start_command lists them in --help).
std::vector<OptionSpec> input_options();
/// --partners DIR and --maps DIR, documented, for the commands that use them.
OptionSpec partners_option();
OptionSpec maps_option();

class Context {
 public:
  /// Loads plugins (--plugins DIR or the defaults) and prepares schemas (--schemas DIR or
  /// defaults). Plugin load problems are printed to `err` as warnings; none loaded is an Error.
  static Result<std::unique_ptr<Context>> create(const Args& args, std::ostream& err);

  struct OpenInput {
    std::unique_ptr<io::FileInput> file;
    std::unique_ptr<io::PeekInput> stream;
    std::shared_ptr<FormatPlugin> format;
  };
  /// Opens a file ("-" = stdin) and picks its format plugin (--standard, else detection).
  Result<OpenInput> open(const std::string& path) const;

  runtime::Runtime& runtime() { return *runtime_; }
  /// Options for the inbound pass over `path` as the command line says: --partner (else routing
  /// by envelope through the partners folder), --strict, --standard, reader limits.
  translation::InboundOptions inbound_options(const std::string& path, bool translate) const;
  plugin_host::PluginHost& plugins() { return runtime_->plugins(); }
  schema::Registry* schemas() { return runtime_->schemas(); }
  const ReaderOptions& reader_options() const { return reader_; }
  /// The profile named by --partner, or nullptr.
  const partners::Profile* partner() const { return partner_.get(); }
  std::shared_ptr<const partners::Profile> partner_profile() const { return partner_; }
  bool strict() const { return strict_; }
  /// --standard, upper case, or empty.
  const std::string& forced_standard() const { return forced_standard_; }

 private:
  std::unique_ptr<runtime::Runtime> runtime_;
  std::string forced_standard_;
  ReaderOptions reader_;
  bool strict_ = false;
  std::shared_ptr<const partners::Profile> partner_;
};

/// A partners or maps folder and why it was chosen.
struct Folder {
  enum class Origin { option, working_dir, installed, missing };
  std::filesystem::path path;
  Origin origin = Origin::missing;
};

/// --partners DIR; else ./partners when it exists; else <exe>/../share/edigate/partners when
/// that exists (an installation's own copy; in a build tree a link to the source folder, never
/// a stale copy); else ./partners (reported missing by whoever reads it).
Folder partners_folder(const Args& args);
/// --maps DIR, with the same fallback: ./maps, then <exe>/../share/edigate/maps.
Folder maps_folder(const Args& args);
std::filesystem::path partners_dir(const Args& args);
std::filesystem::path maps_dir(const Args& args);

/// The exit code for a file's pass: the worst category among its errors (kExitOk without).
int exit_code_of(const translation::InboundSummary& summary);

/// One stderr line naming the folders a command falls back to outside the working directory
/// ("edigate translate: partners from /opt/edigate/share/edigate/partners ..."), so an
/// installed copy is never read silently. Nothing when the folders were given or are ./.
void note_folders(const std::string& command, const Args& args, bool partners, bool maps, std::ostream& err);

}  // namespace edigate::cli
