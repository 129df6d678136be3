#include "store/store.h"

#include "store/lifecycle.h"

namespace wirepress::store {

std::string_view PutActionName(PutAction a) {
  switch (a) {
    case PutAction::kCreated: return "created";
    case PutAction::kEmbargoed: return "embargoed";
    case PutAction::kUpdated: return "updated";
    case PutAction::kUnchanged: return "unchanged";
    case PutAction::kKilled: return "killed";
    case PutAction::kRejected: return "rejected";
    case PutAction::kHeld: return "held";
  }
  return "unknown";
}

std::vector<std::string> AgencyNames(const StoryQuery& q) {
  std::vector<std::string> names = q.agencies;
  if (!q.agency.empty()) names.push_back(q.agency);
  return names;
}

Result<PutOutcome> Store::Kill(const std::string& uri_or_path, const std::string& reason,
                               Timestamp now) {
  return Operate(uri_or_path, "killing",
                 [&](const StoryRecord& r) { return DecideKill(r, reason, now); });
}

Result<PutOutcome> Store::Hold(const std::string& uri_or_path, const std::string& reason,
                               Timestamp now) {
  return Operate(uri_or_path, "holding",
                 [&](const StoryRecord& r) { return DecideHold(r, reason, now); });
}

Result<PutOutcome> Store::ReleaseHold(const std::string& uri_or_path, Timestamp now) {
  return Operate(uri_or_path, "releasing",
                 [&](const StoryRecord& r) { return DecideReleaseHold(r, now); });
}

Result<std::vector<PutOutcome>> Store::PutBatch(const std::vector<PutRequest>& requests) {
  std::vector<PutOutcome> outcomes;
  outcomes.reserve(requests.size());
  for (const PutRequest& request : requests) {
    WP_ASSIGN_OR_RETURN(PutOutcome outcome, Put(request));
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

void StoreRegistry::Register(std::string scheme, Factory factory) {
  factories_[std::move(scheme)] = std::move(factory);
}

Result<std::unique_ptr<Store>> StoreRegistry::Open(const std::string& url,
                                                   const StoreOptions& options) const {
  size_t colon = url.find(':');
  std::string scheme = colon == std::string::npos ? url : url.substr(0, colon);
  if (scheme == "postgres") scheme = "postgresql";
  auto it = factories_.find(scheme);
  if (it == factories_.end()) {
    std::string known;
    for (const auto& [name, f] : factories_) known += (known.empty() ? "" : ", ") + name;
    return Status::InvalidInput("opening store '" + url + "'",
                                "unknown scheme '" + scheme + "' (known: " + known + ")");
  }
  return it->second(url, options);
}

}  // namespace wirepress::store
