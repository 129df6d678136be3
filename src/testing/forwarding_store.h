// ForwardingStore: a store::Store that passes every call to another one, so
// a test double overrides only the calls it changes (a PutBatch that fails,
// a Put that counts) and inherits the rest.
//
// Thread-safety: that of the inner store.
#ifndef WIREPRESS_TESTING_FORWARDING_STORE_H_
#define WIREPRESS_TESTING_FORWARDING_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace wirepress::testing {

class ForwardingStore : public store::Store {
 public:
  // `inner` must outlive this store.
  explicit ForwardingStore(store::Store* inner) : inner_(inner) {}

  Result<store::PutOutcome> Put(const store::PutRequest& r) override { return inner_->Put(r); }
  Result<std::vector<store::PutOutcome>> PutBatch(
      const std::vector<store::PutRequest>& r) override {
    return inner_->PutBatch(r);
  }
  Result<store::StoryRecord> GetById(std::int64_t id) override { return inner_->GetById(id); }
  Result<store::StoryRecord> GetByUri(const std::string& u) override {
    return inner_->GetByUri(u);
  }
  Result<store::StoryRecord> GetByPath(const std::string& p) override {
    return inner_->GetByPath(p);
  }
  Result<std::vector<store::StoryRecord>> List(const store::StoryQuery& q) override {
    return inner_->List(q);
  }
  Result<std::int64_t> Count(const store::StoryQuery& q) override { return inner_->Count(q); }
  Result<std::vector<std::string>> Agencies() override { return inner_->Agencies(); }
  Result<std::vector<store::StoryRecord>> Search(const store::SearchQuery& q) override {
    return inner_->Search(q);
  }
  Result<store::PutOutcome> Operate(const std::string& uri_or_path, const std::string& what,
                                    const OperatorDecision& decide) override {
    return inner_->Operate(uri_or_path, what, decide);
  }
  Result<std::vector<store::StoryRecord>> ReleaseDue(Timestamp now) override {
    return inner_->ReleaseDue(now);
  }
  Result<std::optional<Timestamp>> NextEmbargo() override { return inner_->NextEmbargo(); }
  Result<std::vector<model::Story>> History(const std::string& uri) override {
    return inner_->History(uri);
  }
  Result<std::vector<store::Change>> ChangesSince(std::int64_t after, int limit) override {
    return inner_->ChangesSince(after, limit);
  }
  Result<std::int64_t> PruneChanges(Timestamp before) override {
    return inner_->PruneChanges(before);
  }

 private:
  store::Store* inner_;
};

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_FORWARDING_STORE_H_
