// Only checks that the installed headers and their dependencies are usable from a
// separate project; kept free of API details on purpose.
#include <brian/brian.hpp>

int main() { return 0; }
