#pragma once
// AvLogCapture: collects the error lines libav logs on the current thread
// while an instance lives, so that a refusal can quote libav's own words
// ("moov atom not found"). The first instance installs a process-wide libav
// log callback once. Lines below error level are dropped (ingest must not
// chatter on stderr). Error lines logged on threads without a capture go to
// libav's default callback, except while some capture is alive, when they
// are dropped too (they come from decoder frame threads of an ingest).
// Thread-safety: one capture per thread; instances must nest properly.
#include <string>

namespace wardcast::ingest_detail {

class AvLogCapture {
 public:
  AvLogCapture();
  ~AvLogCapture();
  AvLogCapture(const AvLogCapture&) = delete;
  AvLogCapture& operator=(const AvLogCapture&) = delete;

  // The first error line logged since construction, trimmed; empty if none.
  const std::string& firstError() const { return first_error_; }
  void record(const std::string& line);

 private:
  AvLogCapture* previous_ = nullptr;
  std::string first_error_;
};

}  // namespace wardcast::ingest_detail
