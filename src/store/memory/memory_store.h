// The in-memory Store: everything in maps behind one mutex, gone when the
// object is destroyed. For tests (it runs the conformance suite in
// microseconds) and for demos ("memory:" URL). Search matches whole words
// case-insensitively (the last query word as a prefix) and ranks headline
// hits above description hits above body hits, then newer first.
//
// Thread-safety: every method may be called from any thread; calls are
// serialised by one mutex.
#ifndef WIREPRESS_STORE_MEMORY_MEMORY_STORE_H_
#define WIREPRESS_STORE_MEMORY_MEMORY_STORE_H_

#include <memory>

#include "store/store.h"

namespace wirepress::store::memory {

// An empty store. Never null.
std::unique_ptr<Store> NewMemoryStore();

// Registers the "memory" scheme ("memory:" or "memory://anything"; each
// Open returns a new empty store). `registry` is not owned.
void RegisterMemoryStore(StoreRegistry* registry);

}  // namespace wirepress::store::memory

#endif  // WIREPRESS_STORE_MEMORY_MEMORY_STORE_H_
