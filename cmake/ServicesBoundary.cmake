# t2v_services must never use QtWidgets. It does not link Qt6::Widgets, but Qt's common
# include directory would still let <QtWidgets/QWidget> compile, so a build step scans the
# sources and fails the build on any widget include or class.
function(t2v_enforce_no_widgets target source_dir)
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}_no_widgets.stamp)
    file(GLOB_RECURSE _sources CONFIGURE_DEPENDS ${source_dir}/*.h ${source_dir}/*.cpp)
    add_custom_command(
        OUTPUT ${stamp}
        COMMAND ${CMAKE_COMMAND} -DSCAN_DIR=${source_dir} -DSTAMP=${stamp}
                -P ${PROJECT_SOURCE_DIR}/cmake/CheckNoWidgets.cmake
        DEPENDS ${_sources} ${PROJECT_SOURCE_DIR}/cmake/CheckNoWidgets.cmake
        COMMENT "Checking that ${target} does not use QtWidgets"
        VERBATIM)
    add_custom_target(${target}_no_widgets DEPENDS ${stamp})
    add_dependencies(${target} ${target}_no_widgets)

    get_target_property(_libs ${target} LINK_LIBRARIES)
    foreach(_lib IN LISTS _libs)
        if(_lib MATCHES "Widgets|Gui")
            message(FATAL_ERROR "${target} must not link ${_lib}")
        endif()
    endforeach()
endfunction()
