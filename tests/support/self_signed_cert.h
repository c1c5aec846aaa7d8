// A throwaway self-signed TLS certificate for tests that need HTTPS on
// loopback: valid for "localhost" and 127.0.0.1 for two days.
#ifndef TELLAL_TESTS_SUPPORT_SELF_SIGNED_CERT_H_
#define TELLAL_TESTS_SUPPORT_SELF_SIGNED_CERT_H_

#include <optional>
#include <string>

namespace tellal::testing {

struct SelfSignedCert {
  std::string cert_pem;
  std::string key_pem;
  std::string cert_file;  // the certificate, as a file a client can trust (CA file)
};

// Makes the certificate and key with openssl (or GnuTLS's certtool) inside
// `dir`, which must exist and outlive the files' use. nullopt when neither
// tool is installed or the tool failed.
std::optional<SelfSignedCert> MakeSelfSignedCert(const std::string& dir);

}  // namespace tellal::testing

#endif  // TELLAL_TESTS_SUPPORT_SELF_SIGNED_CERT_H_
