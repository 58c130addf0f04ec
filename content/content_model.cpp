#include "content/content_model.hpp"

#include <array>
#include <utility>

namespace wardcast {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<const char*, E>, N>& table, std::string_view text) {
  for (const auto& [name, value] : table)
    if (text == name) return value;
  return std::nullopt;
}

template <class E, std::size_t N>
const char* nameOf(const std::array<std::pair<const char*, E>, N>& table, E value) {
  for (const auto& [name, v] : table)
    if (v == value) return name;
  return "unknown";
}

constexpr std::array<std::pair<const char*, Role>, 4> kRoles{{
    {"editor", Role::kEditor},
    {"approver", Role::kApprover},
    {"operator", Role::kOperator},
    {"admin", Role::kAdmin},
}};
constexpr std::array<std::pair<const char*, ItemState>, 3> kStates{{
    {"draft", ItemState::kDraft},
    {"approved", ItemState::kApproved},
    {"rejected", ItemState::kRejected},
}};
constexpr std::array<std::pair<const char*, EntryKind>, 4> kEntryKinds{{
    {"bulletin", EntryKind::kBulletin},
    {"clip", EntryKind::kClip},
    {"relay", EntryKind::kRelay},
    {"ident", EntryKind::kIdent},
}};
constexpr std::array<std::pair<const char*, AsRunStatus>, 9> kStatuses{{
    {"played", AsRunStatus::kPlayed},
    {"preempted", AsRunStatus::kPreempted},
    {"resumed", AsRunStatus::kResumed},
    {"bumped", AsRunStatus::kBumped},
    {"failed", AsRunStatus::kFailed},
    {"skipped", AsRunStatus::kSkipped},
    {"missed", AsRunStatus::kMissed},
    {"interrupted", AsRunStatus::kInterrupted},
    {"on_air", AsRunStatus::kOnAir},
}};

}  // namespace

bool Item::validOn(Date day) const {
  if (valid_from && day < *valid_from) return false;
  if (valid_to && day > *valid_to) return false;
  return true;
}

const char* toString(Role role) { return nameOf(kRoles, role); }
std::optional<Role> parseRole(std::string_view text) { return lookup(kRoles, text); }
const char* toString(ItemKind kind) { return kind == ItemKind::kClip ? "clip" : "bulletin"; }
const char* toString(ItemState state) { return nameOf(kStates, state); }
std::optional<ItemState> parseItemState(std::string_view text) { return lookup(kStates, text); }
const char* toString(EntryKind kind) { return nameOf(kEntryKinds, kind); }
std::optional<EntryKind> parseEntryKind(std::string_view text) { return lookup(kEntryKinds, text); }
const char* toString(AsRunStatus status) { return nameOf(kStatuses, status); }
std::optional<AsRunStatus> parseAsRunStatus(std::string_view text) { return lookup(kStatuses, text); }

std::optional<ItemKind> itemKindOfId(std::string_view id) {
  if (id.size() < 2 || id.size() > 18) return std::nullopt;
  for (char c : id.substr(1))
    if (c < '0' || c > '9') return std::nullopt;
  if (id.front() == 'b') return ItemKind::kBulletin;
  if (id.front() == 'c') return ItemKind::kClip;
  return std::nullopt;
}

}  // namespace wardcast
