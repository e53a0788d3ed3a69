# `cmake --install BUILD [--prefix P]`: the layout the CLI expects next to its binary
# (cli/context.cpp, plugin_host), plus the SDK for plugins built outside the tree.
#   bin/edigate
#   lib/edigate/plugins/*.so                    format plugins
#   share/edigate/schemas/{x12,edifact}/...     transaction-set schemas (+ transaction-set.xsd)
#   share/edigate/maps/                         base maps and maps.xsd
#   share/edigate/partners/                     example partner profiles and partner.xsd
#   share/edigate/canonical/                    canonical message JSON Schemas
#   include/edigate/                            the plugin SDK headers
#   lib/cmake/edigate/                          find_package(edigate): edigate::sdk, edigate_add_plugin()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Not CMAKE_INSTALL_LIBDIR: the host looks exactly here (<exe>/../lib/edigate/plugins), also
# where Debian would put libraries under lib/<multiarch>.
set(EDIGATE_INSTALL_PLUGIN_DIR lib/edigate/plugins)
set(EDIGATE_INSTALL_SHARE_DIR ${CMAKE_INSTALL_DATADIR}/edigate)
set(EDIGATE_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/edigate)

install(TARGETS edigate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS edigate_x12 edigate_edifact edigate_file edigate_sftp edigate_http edigate_as2 LIBRARY DESTINATION ${EDIGATE_INSTALL_PLUGIN_DIR} COMPONENT runtime)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/plugins/x12/schemas/ DESTINATION ${EDIGATE_INSTALL_SHARE_DIR}/schemas/x12 COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/plugins/edifact/schemas/ DESTINATION ${EDIGATE_INSTALL_SHARE_DIR}/schemas/edifact COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/core/schemas/transaction-set.xsd DESTINATION ${EDIGATE_INSTALL_SHARE_DIR}/schemas COMPONENT runtime)
# Real copies from the source tree (the build tree only links to them).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/maps/ DESTINATION ${EDIGATE_INSTALL_SHARE_DIR}/maps COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/partners/ DESTINATION ${EDIGATE_INSTALL_SHARE_DIR}/partners COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/canonical/ DESTINATION ${EDIGATE_INSTALL_SHARE_DIR}/canonical COMPONENT runtime)

# The SDK: headers and an exported INTERFACE target.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/edigate DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(TARGETS edigate_sdk EXPORT edigateTargets COMPONENT sdk)
install(EXPORT edigateTargets NAMESPACE edigate:: DESTINATION ${EDIGATE_INSTALL_CMAKE_DIR} COMPONENT sdk)

file(STRINGS ${PROJECT_SOURCE_DIR}/core/include/edigate/abi.hpp abi_line REGEX "^#define EDIGATE_SDK_ABI ")
string(REGEX REPLACE "^#define EDIGATE_SDK_ABI ([0-9]+)u?.*" "\\1" EDIGATE_SDK_ABI_VALUE "${abi_line}")
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/edigateConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/edigateConfig.cmake
  INSTALL_DESTINATION ${EDIGATE_INSTALL_CMAKE_DIR}
  PATH_VARS EDIGATE_INSTALL_PLUGIN_DIR)
# Same major version, and (0.x) same minor: the SDK ABI may change between 0.x releases.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/edigateConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/edigateConfig.cmake ${CMAKE_BINARY_DIR}/cmake/edigateConfigVersion.cmake
  DESTINATION ${EDIGATE_INSTALL_CMAKE_DIR} COMPONENT sdk)
