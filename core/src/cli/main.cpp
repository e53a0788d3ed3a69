#include <edigate/abi.hpp>
#include <cstdio>
int main() { std::puts(EDIGATE_VERSION); return 0; }
