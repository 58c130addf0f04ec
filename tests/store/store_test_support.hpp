#pragma once
// Helpers for the store's unit tests: a fake ingested asset and a store
// with an admin, an editor and an approver.
#include <filesystem>
#include <memory>
#include <string>

#include "content/store.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast::test {

// An asset row as ingest would report it; writes a small file at its path
// under data_dir so the store does not report it missing.
inline AssetInfo fakeAsset(const std::filesystem::path& data_dir, char fill, std::chrono::milliseconds duration) {
  AssetInfo a;
  a.sha256 = std::string(64, fill);
  a.kind = AssetKind::kAudio;
  a.relative_path = "assets/" + a.sha256.substr(0, 2) + "/" + a.sha256 + ".wav";
  a.size_bytes = 4;
  a.container = "wav";
  a.audio_codec = "pcm_s16le";
  a.duration = duration;
  a.sample_rate = 48000;
  a.channels = 1;
  a.loudness_lufs = -16.5;
  a.true_peak_dbtp = -1.5;
  std::filesystem::create_directories((data_dir / a.relative_path).parent_path());
  writeFile(data_dir / a.relative_path, "RIFF");
  return a;
}

inline std::unique_ptr<Store> openStore(const std::filesystem::path& data_dir) {
  auto store = Store::open(data_dir);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(store.value());
}

// Adds admin "root", editor "lan", editor "minh" and approver "hoa".
inline void addStaff(Store& store) {
  auto must = [](const Result<User>& r) {
    if (!r) throw std::runtime_error(r.error().message);
  };
  must(store.users().add("root", Role::kAdmin, std::nullopt, ""));
  must(store.users().add("lan", Role::kEditor, std::nullopt, "root"));
  must(store.users().add("minh", Role::kEditor, std::nullopt, "root"));
  must(store.users().add("hoa", Role::kApprover, std::nullopt, "root"));
}

inline NewItem bulletin(const std::string& topic, const std::string& title) {
  NewItem n;
  n.kind = ItemKind::kBulletin;
  n.topic_id = topic;
  n.title = title;
  return n;
}

}  // namespace wardcast::test
