#!/usr/bin/env bash
# Installs everything Wardcast needs to build, run, test and benchmark on
# Debian 12, from Debian's own packages. Non-interactive and idempotent:
# running it twice installs nothing the second time.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # libraries the code links
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libgstreamer-plugins-bad1.0-dev libgstrtspserver-1.0-dev
  libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libswscale-dev
  libboost-dev libboost-graph-dev
  libsqlite3-dev libsqlitecpp-dev libtomlplusplus-dev
  libebur128-dev libsodium-dev libespeak-ng-dev espeak-ng espeak-ng-data
  libicu-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libmodbus-dev libpoppler-cpp-dev libzip-dev libpugixml-dev libical-dev
  libpango1.0-dev libcairo2-dev coinor-libcbc-dev libsystemd-dev
  # GStreamer plugins the pipelines use at run time
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-tools
  gstreamer1.0-alsa gstreamer1.0-rtsp
  # the LED program's local display on an X server (display://x11: ximagesink)
  gstreamer1.0-x
  # tests: media generation, real servers and peers
  catch2 ffmpeg sox libsox-fmt-all icecast2 pango1.0-tools pandoc
  fonts-dejavu-core python3 procps iproute2 curl socat
  # tests: systemd-analyze verify and security on the installed unit
  systemd
  # tests: a paced ALSA device without a sound card (PulseAudio null sink
  # behind alsa-lib's pulse PCM, recorded with parec)
  pulseaudio pulseaudio-utils libasound2-plugins
  # tests: a real X server for the LED display output (Xvfb -displayfd)
  xvfb
  # benchmarks: the peers
  liquidsoap
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
