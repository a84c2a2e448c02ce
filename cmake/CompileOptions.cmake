# One INTERFACE target carries the compile options every T2V target links.
add_library(t2v_compile_options INTERFACE)

target_compile_features(t2v_compile_options INTERFACE cxx_std_20)
target_compile_options(t2v_compile_options INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor
    -Wshadow=local -Wcast-qual -Wformat=2 -Wimplicit-fallthrough)
# GCC 12's optimiser reports array bounds inside libstdc++'s std::map as nlohmann/json uses it,
# and overlapping memcpy inside std::string (GCC bugs 107138 and 105329, false positives);
# optimised GCC builds skip those two warnings, Debug builds (dev, asan) keep them.
target_compile_options(t2v_compile_options INTERFACE
    "$<$<AND:$<CXX_COMPILER_ID:GNU>,$<NOT:$<CONFIG:Debug>>>:-Wno-array-bounds;-Wno-restrict>")
if(T2V_WERROR)
    target_compile_options(t2v_compile_options INTERFACE -Werror)
endif()

target_compile_definitions(t2v_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    # Takes effect from Qt 6.7; on older Qt the habit is kept by review.
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    # JSON errors name the path of the bad value ("/script/scenes/3/duration").
    JSON_DIAGNOSTICS=1
    T2V_VERSION="${PROJECT_VERSION}")

# gold links the ~80 programs (tests with debug info, mostly) in about half bfd's time.
option(T2V_GOLD_LINKER "Link with gold when the toolchain has it" ON)
if(T2V_GOLD_LINKER)
    include(CheckLinkerFlag)
    check_linker_flag(CXX -fuse-ld=gold T2V_HAVE_GOLD)
    if(T2V_HAVE_GOLD)
        target_link_options(t2v_compile_options INTERFACE -fuse-ld=gold)
    endif()
endif()

if(T2V_SANITIZE)
    list(JOIN T2V_SANITIZE "," _t2v_sanitizers)
    target_compile_options(t2v_compile_options INTERFACE
        -fsanitize=${_t2v_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(t2v_compile_options INTERFACE -fsanitize=${_t2v_sanitizers})
endif()
