# Fails when a Qt Linguist file lacks a finished translation for any message of the sources.
#   cmake -DTS_FILE=file.ts [-DLUPDATE=lupdate -DSOURCES="dir|file.cpp|..." -DWORK_DIR=dir]
#         -P CheckTranslations.cmake
# With LUPDATE, a copy of the file is first brought up to date with the sources, so that a new
# tr() string nobody ran lupdate for is caught too; the file itself is never changed.
set(ts_to_check "${TS_FILE}")
if(LUPDATE)
    get_filename_component(name "${TS_FILE}" NAME)
    file(MAKE_DIRECTORY "${WORK_DIR}")
    set(ts_to_check "${WORK_DIR}/${name}")
    file(COPY_FILE "${TS_FILE}" "${ts_to_check}")
    string(REPLACE "|" ";" source_list "${SOURCES}")
    execute_process(COMMAND "${LUPDATE}" -silent ${source_list} -ts "${ts_to_check}"
                            -no-obsolete -locations none
                    RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "lupdate failed (${result})")
    endif()
endif()

file(READ "${ts_to_check}" ts)
string(REPLACE ";" "," ts "${ts}") # entities such as &amp; would split the list below
string(REGEX MATCHALL
       "<source>[^<]*</source>[ \t\r\n]*(<comment>[^<]*</comment>[ \t\r\n]*)?<translation type=\"unfinished\""
       open "${ts}")
list(LENGTH open count)
if(count GREATER 0)
    string(REGEX REPLACE "[ \t\r\n]*(<comment>[^<]*</comment>[ \t\r\n]*)?<translation type=\"[a-z]*\""
                         "" untranslated "${open}")
    string(REPLACE ";" "\n" untranslated "${untranslated}")
    message(FATAL_ERROR "${TS_FILE}: ${count} message(s) are not translated:\n${untranslated}\n"
                        "Update the file with the t2v_ui_lupdate target and translate them in "
                        "Qt Linguist.")
endif()
message(STATUS "${TS_FILE}: every message is translated")
