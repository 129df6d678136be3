#include "server/http_types.h"

namespace wirepress::server {

std::string_view HttpRequest::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

HttpResponse HttpResponse::Text(int status, std::string text, std::string media_type) {
  HttpResponse r;
  r.status = status;
  r.media_type = std::move(media_type);
  r.body = std::make_shared<const std::string>(std::move(text));
  return r;
}

std::string_view StatusReason(int status) {
  switch (status) {
    case 200: return "OK";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
  }
  return "";
}

}  // namespace wirepress::server
