# Per-target settings for every Wardcast target: warnings, sanitizers.
# Never directory-wide (STYLE.md, Build).
function(wardcast_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(WARDCAST_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(WARDCAST_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# wardcast_library(NAME SOURCES... ) makes wardcast_NAME with alias wardcast::NAME.
function(wardcast_library name)
  add_library(wardcast_${name} STATIC ${ARGN})
  add_library(wardcast::${name} ALIAS wardcast_${name})
  target_include_directories(wardcast_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  wardcast_target_options(wardcast_${name})
endfunction()
