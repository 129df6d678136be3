// Shared by admin_test.cc and admin_browser_test.cc: a real server::Server on
// a free loopback port with the admin page on, a memory store, the shipped
// templates, and a temporary data folder (inbox/, failed/) on the real disk.
#ifndef WIREPRESS_TESTS_ADMIN_TEST_FIXTURE_H_
#define WIREPRESS_TESTS_ADMIN_TEST_FIXTURE_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "base/file_system.h"
#include "ingest/archive.h"
#include "publish/renderer.h"
#include "server/admin_auth.h"
#include "server/admin_handler.h"
#include "server/server.h"
#include "store/memory/memory_store.h"

namespace wirepress::testing {

constexpr const char* kAdminPassword = "correct horse battery staple";

class AdminServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wp-admin-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    data_ = tmpl;
    std::filesystem::create_directories(data_ + "/inbox");
    std::filesystem::create_directories(data_ + "/failed");
    store_ = store::memory::NewMemoryStore();
    publish::SiteConfig site;
    site.theme_dir = WIREPRESS_SOURCE_DIR "/templates";
    auto renderer = publish::NewRenderer(site, store_.get(), &SystemClock());
    ASSERT_TRUE(renderer.ok()) << renderer.status().ToString();
    renderer_ = std::move(renderer).value();
    archive_ = std::make_unique<ingest::InputArchive>(data_, &RealFileSystem(), &SystemClock());

    server::AdminOptions admin;
    // Cheap argon2id parameters: the same code path, in milliseconds.
    auto hash = server::HashAdminPassword(kAdminPassword, server::Argon2Params{1, 256, 1});
    ASSERT_TRUE(hash.ok()) << hash.status().ToString();
    admin.password_hash = *hash;
    admin.login_failures_allowed = 2;
    server::ServerOptions options;
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<server::Server>(options, renderer_.get(), nullptr, nullptr);
    server::AdminContext ctx;
    ctx.store = store_.get();
    ctx.archive = archive_.get();
    ctx.inbox_dir = data_ + "/inbox";
    ctx.fs = &RealFileSystem();
    ctx.clock = &SystemClock();
    ctx.notify = [this](const store::PutOutcome& o) { server_->OnStoreChange(o); };
    ctx.feed_health = [this] {
      std::lock_guard<std::mutex> lock(feeds_mu_);
      return feeds_;
    };
    auto handler = server::AdminHandler::Create(admin, ctx, site.theme_dir);
    ASSERT_TRUE(handler.ok()) << handler.status().ToString();
    admin_ = std::move(handler).value();
    server_->SetAdmin(admin_.get());
    ASSERT_TRUE(server_->Start().ok());
  }

  void TearDown() override {
    if (server_) server_->Stop();
    std::error_code ignored;
    if (!data_.empty()) std::filesystem::remove_all(data_, ignored);
  }

  std::string data_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<publish::Renderer> renderer_;
  std::unique_ptr<ingest::InputArchive> archive_;
  std::unique_ptr<server::AdminHandler> admin_;
  std::unique_ptr<server::Server> server_;
  std::mutex feeds_mu_;
  std::vector<ingest::FeedHealth> feeds_;  // what the dashboard's feed table shows
};

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTS_ADMIN_TEST_FIXTURE_H_
