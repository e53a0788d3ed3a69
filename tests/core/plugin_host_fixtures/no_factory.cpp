// A shared library that is not an edigate plugin.
extern "C" int fixture_unrelated_function() { return 42; }
