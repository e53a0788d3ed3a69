#pragma once
// What every subcommand shares: the loaded plugins, the schema registry, reader options from
// the command line, and opening an input with its format detected.
#include "cli/args.hpp"
#include "io/file_input.hpp"
#include "io/peek_input.hpp"
#include "partners/registry.hpp"
#include "plugin_host/plugin_host.hpp"
#include "schema/registry.hpp"

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

  plugin_host::PluginHost& plugins() { return host_; }
  schema::Registry* schemas() { return check_schemas_ ? schemas_.get() : nullptr; }
  const ReaderOptions& reader_options() const { return reader_; }
  /// The profile named by --partner, or nullptr.
  const partners::Profile* partner() const { return partner_.get(); }
  std::shared_ptr<const partners::Profile> partner_profile() const { return partner_; }

 private:
  plugin_host::PluginHost host_;
  std::unique_ptr<schema::Registry> schemas_;
  bool check_schemas_ = true;
  std::string forced_standard_;
  ReaderOptions reader_;
  std::shared_ptr<const partners::Profile> partner_;
};

/// Schema folders when none is given: $EDIGATE_SCHEMA_PATH, else <exe>/../share/edigate/schemas.
std::vector<std::filesystem::path> default_schema_dirs();

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

/// One stderr line naming the folders a command falls back to outside the working directory
/// ("edigate translate: partners from /opt/edigate/share/edigate/partners ..."), so an
/// installed copy is never read silently. Nothing when the folders were given or are ./.
void note_folders(const std::string& command, const Args& args, bool partners, bool maps, std::ostream& err);

}  // namespace edigate::cli
