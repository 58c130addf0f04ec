// The suite's main: Catch2's, with two warnings on by default, so that they
// hold under ctest and when a test binary is run by hand:
//   NoTests       a filter that matches no test case fails instead of
//                 passing with nothing run (a ';' in a test name once split
//                 it into two such filters under ctest, and it never ran);
//   NoAssertions  a case that returns without checking anything fails.
// Catch2 2.x takes a single -w on its command line, hence here and not in
// catch_discover_tests' EXTRA_ARGS.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  session.configData().warnings =
      static_cast<Catch::WarnAbout::What>(Catch::WarnAbout::NoAssertions | Catch::WarnAbout::NoTests);
  if (int error = session.applyCommandLine(argc, argv); error != 0) return error;
  return session.run();
}
