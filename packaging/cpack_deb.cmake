# `cpack -G DEB` in a build directory makes tellal_<version>_<arch>.deb from the install rules; scripts/build-deb.sh
# does that for amd64 and arm64. packaging/README.md lists what the package
# holds and the lintian tags left.

# cpack runs the install's "preinstall" step, which by default first builds
# every target, tests and benchmarks included; the package needs tellald,
# tellal and the configuration, which scripts/build-deb.sh builds.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tellal)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "tellal")
set(CPACK_PACKAGE_CONTACT "tellal maintainers <maintainers@tellal.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "bulk-SMS gateway for USB and serial GSM modems")
# The long description only: CPack puts the summary above it as the
# synopsis line and indents each line (but does not wrap them).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "tellald turns a bank of USB or serial GSM modems into an SMS gateway with a
local HTTP API: a durable SQLite queue spread across the SIMs (rate and daily
limits, priorities, failover), delivery reports, one inbox for replies,
campaigns, keyword rules, polls, webhooks, a web panel and a Kannel-compatible
sendsms endpoint. tellal is its command-line client; tellal-vmodem serves
virtual modems for trying it without hardware.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# tellal_0.1.0_amd64.deb, tellal_0.1.0_arm64.deb.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Installed with DESTDIR=<staging> and the prefix /usr, whatever prefix the
# build was configured with: the unit's ExecStart and the configuration's
# place are computed from the prefix at install time.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

# The architecture the binaries were built for, not the build machine's:
# dpkg's names for the two targets.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
endif()

# Library dependencies from the binaries' DT_NEEDED entries (dpkg-shlibdeps).
# systemd: postinst runs systemd-sysusers and the unit needs it anyway.
# libcurl4: loaded with dlopen at the first webhook or dlr-url call
# (daemon/net/curl_library.h), so no DT_NEEDED entry names it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd, libcurl4 (>= 7.85)")

set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
