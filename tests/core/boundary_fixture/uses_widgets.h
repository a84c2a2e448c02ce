// A services file that must be rejected by cmake/CheckNoWidgets.cmake.
#include <QtWidgets/QWidget>
