# What `cmake --install` and the Debian package put on a system: the two programs, their man
# pages, the menu entry, the icon, the AppStream metadata and the example ComfyUI workflows.
# Translations, style presets and the window icon are compiled into the programs, so nothing
# else is needed at run time.
# t2v-bench and t2v-fake-api (built with the tests) are developer tools, outside a normal
# install and the package: `cmake --install <build> --component devtools` installs them.
include(GNUInstallDirs)

set(t2v_programs t2v)
if(T2V_BUILD_GUI)
    list(APPEND t2v_programs t2v-studio)
endif()
install(TARGETS ${t2v_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(T2V_BUILD_TESTS AND T2V_BUILD_GUI_TESTS)
    install(TARGETS t2v-bench t2v-fake-api
            RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
            COMPONENT devtools EXCLUDE_FROM_ALL)
endif()

set(linux_dir ${PROJECT_SOURCE_DIR}/resources/linux)
install(FILES ${linux_dir}/${T2V_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
configure_file(${linux_dir}/${T2V_APP_ID}.metainfo.xml.in
               ${PROJECT_BINARY_DIR}/${T2V_APP_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/${T2V_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The shipped ComfyUI workflows are compiled in too; these copies are examples to start one's
# own from (README, "Bring your own GPU").
install(FILES ${PROJECT_SOURCE_DIR}/resources/comfyui/wan2.1-t2v.json
              ${PROJECT_SOURCE_DIR}/resources/comfyui/wan2.1-i2v.json
              ${PROJECT_SOURCE_DIR}/resources/comfyui/sdxl-t2i.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/t2v-studio/comfyui)

set(icons_dir ${PROJECT_SOURCE_DIR}/resources/icons)
install(FILES ${icons_dir}/${T2V_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN ITEMS 16 32 48 64 128 256)
    install(FILES ${icons_dir}/hicolor/${size}x${size}/apps/${T2V_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

# Man pages made from the built programs' own --help (see HelpToMan.cmake). A sanitizer build
# skips them: it is for tests, and running its programs at build time would report their leaks.
if(T2V_SANITIZE OR CMAKE_CROSSCOMPILING)
    return()
endif()
set(man_dir ${PROJECT_BINARY_DIR}/man)
set(man_pages "")
foreach(program IN LISTS t2v_programs)
    if(program STREQUAL "t2v")
        set(summary "the command line of T2V Studio: long AI videos from an idea")
        set(commands ON)
    else()
        set(summary "the T2V Studio desktop application: long AI videos from an idea")
        set(commands OFF)
    endif()
    set(page ${man_dir}/${program}.1.gz)
    add_custom_command(OUTPUT ${page}
        COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${program}> -DNAME=${program}
                "-DSUMMARY=${summary}" -DVERSION=${PROJECT_VERSION} -DOUTPUT=${page}
                -DWORK_DIR=${man_dir}/work-${program} -DCOMMANDS=${commands}
                -DEXTRA=${linux_dir}/${program}.1.extra
                -P ${PROJECT_SOURCE_DIR}/cmake/HelpToMan.cmake
        DEPENDS ${program} ${PROJECT_SOURCE_DIR}/cmake/HelpToMan.cmake
                ${linux_dir}/${program}.1.extra
        COMMENT "Writing the man page ${program}.1 from '${program} --help'"
        VERBATIM)
    list(APPEND man_pages ${page})
endforeach()
add_custom_target(t2v_man_pages ALL DEPENDS ${man_pages})
install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
