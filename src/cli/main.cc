// wirepress: builds the App (cli/app.h) and runs one command line. Errors
// are printed by the App with their whole cause chain.
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  wirepress::cli::App app(std::cout, std::cerr);
  return app.Run(argc, argv);
}
