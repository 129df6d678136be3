#include "testing/http_client.h"

#include <curl/curl.h>

namespace wirepress::testing {
namespace {

size_t OnBody(char* p, size_t s, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, s * n);
  return s * n;
}

}  // namespace

HttpClient::HttpClient() : curl_(curl_easy_init()) {
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

long HttpClient::Get(const std::string& url, std::string* body, std::string* error,
                     const char* encoding) {
  return Perform(url, nullptr, {}, body, error, encoding);
}

long HttpClient::Post(const std::string& url, const std::string& data, const std::string& header,
                      std::string* body, std::string* error) {
  return Perform(url, &data, header, body, error, nullptr);
}

long HttpClient::Perform(const std::string& url, const std::string* post,
                         const std::string& header, std::string* body, std::string* error,
                         const char* encoding) {
  body->clear();
  curl_slist* list = header.empty() ? nullptr : curl_slist_append(nullptr, header.c_str());
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, body);
  curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, encoding);
  if (post != nullptr) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, post->data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(post->size()));
  } else {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  }
  CURLcode rc = curl_easy_perform(curl_);
  curl_slist_free_all(list);
  long status = 0;
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
  } else if (error != nullptr) {
    *error = url + ": " + curl_easy_strerror(rc);
  }
  return status;
}

}  // namespace wirepress::testing
