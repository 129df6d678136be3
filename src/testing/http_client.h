// HttpClient: one keep-alive libcurl connection for tests and benchmarks
// that talk to a real `wirepress serve` (testing/serve_process.h), as a
// browser or crawler would hold one.
#ifndef WIREPRESS_TESTING_HTTP_CLIENT_H_
#define WIREPRESS_TESTING_HTTP_CLIENT_H_

#include <string>

namespace wirepress::testing {

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Status (0 when the request failed) and body; `error` (optional) names
  // a failure. `encoding` is sent as Accept-Encoding and the body is left
  // as the server encoded it; nullptr sends none.
  long Get(const std::string& url, std::string* body, std::string* error = nullptr,
           const char* encoding = nullptr);
  // A POST of `data` with one extra request `header` ("" for none).
  long Post(const std::string& url, const std::string& data, const std::string& header,
            std::string* body, std::string* error = nullptr);

 private:
  long Perform(const std::string& url, const std::string* post, const std::string& header,
               std::string* body, std::string* error, const char* encoding);
  void* curl_;  // CURL*, kept out of this header
};

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_HTTP_CLIENT_H_
