#include "support/self_signed_cert.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace tellal::testing {
namespace {

bool HaveTool(const std::string& tool) { return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::optional<SelfSignedCert> MakeSelfSignedCert(const std::string& dir) {
  const std::string cert = dir + "/cert.pem";
  const std::string key = dir + "/key.pem";
  std::string command;
  if (HaveTool("openssl")) {
    command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        " -days 2 -subj /CN=localhost"
        " -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
        " -keyout " +
        key + " -out " + cert + " >/dev/null 2>&1";
  } else if (HaveTool("certtool")) {
    const std::string tmpl = dir + "/cert.tmpl";
    std::ofstream(tmpl) << "cn = localhost\ndns_name = localhost\nip_address = 127.0.0.1\n"
                           "expiration_days = 2\ntls_www_server\n";
    command = "certtool --generate-privkey --key-type=ecdsa --outfile " + key +
              " >/dev/null 2>&1 && certtool --generate-self-signed --load-privkey " + key + " --template " + tmpl +
              " --outfile " + cert + " >/dev/null 2>&1";
  } else {
    return std::nullopt;
  }
  if (std::system(command.c_str()) != 0) return std::nullopt;
  SelfSignedCert out{ReadFile(cert), ReadFile(key), cert};
  if (out.cert_pem.empty() || out.key_pem.empty()) return std::nullopt;
  return out;
}

}  // namespace tellal::testing
