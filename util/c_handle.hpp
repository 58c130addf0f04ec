#pragma once
// CHandle<T, Traits>: one RAII template for reference-counted or owned C
// handles (GstElement, GstBus, GstMessage, AVFormatContext ...).
// Construction is explicit: CHandle::adopt(p) takes over a reference the
// caller owns, CHandle::ref(p) adds one. get() hands out the raw pointer
// without changing ownership; release() gives the reference back to the
// caller. There is no implicit conversion to T*.
//
// Traits must provide: static void unref(T*); and, for ref(),
// static void ref(T*).
#include <utility>

namespace wardcast {

template <class T, class Traits>
class CHandle {
 public:
  CHandle() noexcept = default;
  ~CHandle() { reset(); }

  static CHandle adopt(T* p) noexcept { return CHandle(p); }
  static CHandle ref(T* p) noexcept {
    if (p) Traits::ref(p);
    return CHandle(p);
  }

  CHandle(const CHandle& other) noexcept : p_(other.p_) {
    if (p_) Traits::ref(p_);
  }
  CHandle& operator=(const CHandle& other) noexcept {
    if (this != &other) {
      CHandle copy(other);
      swap(copy);
    }
    return *this;
  }
  CHandle(CHandle&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  CHandle& operator=(CHandle&& other) noexcept {
    if (this != &other) {
      reset();
      p_ = std::exchange(other.p_, nullptr);
    }
    return *this;
  }

  T* get() const noexcept { return p_; }
  T* release() noexcept { return std::exchange(p_, nullptr); }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  void swap(CHandle& other) noexcept { std::swap(p_, other.p_); }
  void reset() noexcept {
    if (p_) Traits::unref(std::exchange(p_, nullptr));
  }

 private:
  explicit CHandle(T* p) noexcept : p_(p) {}
  T* p_ = nullptr;
};

}  // namespace wardcast
