// The admin login page in a real browser: headless Chromium loads
// /admin/login from server::Server on 127.0.0.1 and dumps the DOM it built.
// Slow (a browser start, ~1-3 s): labelled e2e. Skipped when there is no
// chromium on PATH (tools/setup.sh installs it).
#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "admin_test_fixture.h"

namespace wirepress::testing {
namespace {

// Runs `command` through the shell and returns its standard output.
std::string Capture(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

class AdminBrowserTest : public AdminServerTest {};

TEST_F(AdminBrowserTest, LoginPageRendersInHeadlessChromium) {
  if (system("command -v chromium >/dev/null 2>&1") != 0) GTEST_SKIP() << "no chromium";
  std::string profile = data_ + "/chromium-profile";
  std::filesystem::create_directories(profile);
  // Bounded: the browser gets 60 s at most; loopback only.
  std::string dom = Capture(
      "timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync --disable-quic "
      "--user-data-dir=" + profile + " --dump-dom " + server_->url() + "/admin/login 2>/dev/null");
  EXPECT_NE(dom.find("<title>wirepress admin — log in</title>"), std::string::npos) << dom;
  EXPECT_NE(dom.find("<form method=\"post\" action=\"/admin/login\" id=\"login\">"),
            std::string::npos) << dom;
  EXPECT_NE(dom.find("type=\"password\""), std::string::npos);
  EXPECT_NE(dom.find("name=\"csrf\""), std::string::npos);
}

}  // namespace
}  // namespace wirepress::testing
