// wardcast user add|list (SPEC §4, §8). The first admin may be added by
// anyone (bootstrap); after that only an admin (--user) adds users.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_context.hpp"
#include "content/store.hpp"

namespace wardcast::cli {
namespace {

std::unique_ptr<Store> openUserStore(const CliContext& ctx) {
  auto config = ctx.loadConfig();
  auto store = Store::open(config.station.data_dir);
  if (!store) throw UserError(store.error().message);
  return std::move(store.value());
}

// The password on standard input, without its trailing line break.
std::string readPasswordFromStdin() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.empty()) throw UserError("--password-stdin: standard input held no password");
  return text;
}

struct AddUserOptions {
  std::string name;
  std::string role;
  bool password_stdin = false;
};

void runAddUser(const AddUserOptions& o, const CliContext& ctx) {
  auto store = openUserStore(ctx);
  std::string actor;
  if (ctx.user) {
    auto user = store->users().find(*ctx.user);
    if (!user) throw UserError(user.error().message);
    actor = user->name;
  }
  std::optional<std::string> password;
  if (o.password_stdin) password = readPasswordFromStdin();
  auto role = parseRole(o.role).value_or(Role::kEditor);
  auto added = store->users().add(o.name, role, password, actor);
  if (!added) throw UserError(added.error().message);
  std::cout << fmt::format("added user {} ({}{})\n", added->name, toString(added->role),
                           added->has_password ? ", with a password" : "");
}

void runListUsers(const std::string& format, const CliContext& ctx) {
  auto store = openUserStore(ctx);
  auto users = store->users().list();
  if (!users) throw UserError(users.error().message);
  if (format == "json") {
    auto out = nlohmann::json::array();
    for (const auto& u : *users)
      out.push_back({{"name", u.name}, {"role", toString(u.role)}, {"password", u.has_password}});
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& u : *users)
    std::cout << fmt::format("{:<20} {:<9} {}\n", u.name, toString(u.role),
                             u.has_password ? "password" : "no password");
}

}  // namespace

void registerUserCommands(CLI::App& app, CliContext& ctx) {
  auto* user = app.add_subcommand("user", "station staff and their roles: add, list");
  user->require_subcommand(1);

  auto add_opts = std::make_shared<AddUserOptions>();
  auto* add = user->add_subcommand("add", "add a user (needs --user ADMIN, except for the first admin)");
  add->add_option("NAME", add_opts->name, "letters, digits, '.', '_' or '-'")->required();
  add->add_option("--role", add_opts->role, "editor, approver, operator or admin")
      ->required()
      ->check(CLI::IsMember({"editor", "approver", "operator", "admin"}));
  add->add_flag("--password-stdin", add_opts->password_stdin,
                "read a password from standard input (stored as an Argon2id hash)");
  add->callback([add_opts, &ctx] { runAddUser(*add_opts, ctx); });

  auto format = std::make_shared<std::string>("text");
  auto* list = user->add_subcommand("list", "one line per user: name, role, whether a password is set");
  list->add_option("--format", *format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  list->callback([format, &ctx] { runListUsers(*format, ctx); });
}

}  // namespace wardcast::cli
