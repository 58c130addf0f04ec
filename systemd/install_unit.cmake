# Installs wardcastd.service with ExecStart in the prefix given to
# `cmake --install` (Debian: /usr/sbin/wardcastd), so that the installed
# unit starts the installed binary wherever it went. Run by install(SCRIPT)
# with WARDCAST_UNIT_SOURCE set; honours DESTDIR.
file(READ "${WARDCAST_UNIT_SOURCE}" unit)
string(REPLACE "@SBINDIR@" "${CMAKE_INSTALL_PREFIX}/sbin" unit "${unit}")
set(target "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/lib/systemd/system/wardcastd.service")
message(STATUS "Installing: ${target}")
file(WRITE "${target}" "${unit}")
