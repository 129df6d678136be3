#include "server/document_cache.h"

#include "base/strings.h"

namespace wirepress::server {

std::shared_ptr<const std::string> CachedDocument::Encoded(
    Coding coding, const CompressionOptions& options) const {
  if (coding == Coding::kIdentity) return body;
  if (!compressible) return nullptr;
  if (coding == Coding::kGzip) {
    std::call_once(gzip_once_, [&] { gzip_ = Encode(Coding::kGzip, *body, options); });
    return gzip_;
  }
  std::call_once(br_once_, [&] { br_ = Encode(Coding::kBrotli, *body, options); });
  return br_;
}

std::string DocumentCache::Key(const std::string& path, const std::string& query) {
  return query.empty() ? path : path + "?" + query;
}

std::shared_ptr<const CachedDocument> DocumentCache::Lookup(const std::string& key) {
  MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.doc;
}

std::uint64_t DocumentCache::generation() const {
  MutexLock lock(&mu_);
  return generation_;
}

bool DocumentCache::Insert(const std::string& key, std::shared_ptr<const CachedDocument> doc,
                           std::uint64_t rendered_at) {
  MutexLock lock(&mu_);
  if (rendered_at != generation_ || max_entries_ == 0) return false;
  if (auto it = entries_.find(key); it != entries_.end()) EraseLocked(it);
  while (entries_.size() >= max_entries_) EraseLocked(entries_.find(lru_.back()));
  lru_.push_front(key);
  entries_[key] = Entry{std::move(doc), lru_.begin()};
  if (key.find('?') != std::string::npos) query_keys_.insert(key);
  return true;
}

void DocumentCache::EraseLocked(std::map<std::string, Entry>::iterator it) {
  lru_.erase(it->second.lru);
  query_keys_.erase(it->first);
  entries_.erase(it);
}

void DocumentCache::Invalidate(const std::vector<std::string>& paths) {
  MutexLock lock(&mu_);
  ++generation_;
  for (const std::string& path : paths) {
    if (auto it = entries_.find(path); it != entries_.end()) EraseLocked(it);
    if (path.empty() || path.back() != '/') continue;
    // Every page of a listing shifts when a story joins or leaves it.
    std::string pages = path + "page/";
    for (auto it = entries_.lower_bound(pages);
         it != entries_.end() && StartsWith(it->first, pages);) {
      EraseLocked(it++);
    }
  }
  while (!query_keys_.empty()) EraseLocked(entries_.find(*query_keys_.begin()));
}

void DocumentCache::InvalidateIf(const std::function<bool(const std::string& key)>& pred) {
  MutexLock lock(&mu_);
  ++generation_;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (pred(it->first)) {
      EraseLocked(it++);
    } else {
      ++it;
    }
  }
}

void DocumentCache::Clear() {
  MutexLock lock(&mu_);
  ++generation_;
  entries_.clear();
  lru_.clear();
  query_keys_.clear();
}

size_t DocumentCache::size() const {
  MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace wirepress::server
