# Writes a gzipped man page from a program's own --help, so the manual cannot drift from the
# program. Needs no help2man.
#   cmake -DPROGRAM=<built program> -DNAME=t2v -DSUMMARY="one line" -DVERSION=1.2.3
#         -DOUTPUT=<dir>/t2v.1.gz -DWORK_DIR=<scratch dir> [-DCOMMANDS=ON] [-DEXTRA=<file.man>]
#         -P HelpToMan.cmake
# The help's usage line becomes SYNOPSIS, its text DESCRIPTION, and each "Heading:" block a
# section whose "  term  text" rows become tagged paragraphs. With COMMANDS=ON the help's
# "Commands:" rows name subcommands, and each one's "<command> --help" becomes a subsection.
# EXTRA is hand-written troff appended at the end (exit status, environment, files).
cmake_minimum_required(VERSION 3.25) # script mode: the policies of this CMake

foreach(var PROGRAM NAME SUMMARY VERSION OUTPUT WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "HelpToMan.cmake: ${var} is not set")
    endif()
endforeach()

# The program runs without a display and without the user's settings, in plain English.
file(MAKE_DIRECTORY "${WORK_DIR}/home" "${WORK_DIR}/runtime")
file(CHMOD "${WORK_DIR}/runtime" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(ENV{HOME} "${WORK_DIR}/home")
set(ENV{XDG_RUNTIME_DIR} "${WORK_DIR}/runtime")
set(ENV{T2V_CONFIG_DIR} "${WORK_DIR}/config")
set(ENV{T2V_CACHE_DIR} "${WORK_DIR}/cache")
set(ENV{T2V_NO_KEYCHAIN} 1)
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{LC_ALL} C.UTF-8)
unset(ENV{LANGUAGE})
# Run by its bare name from PATH, so the usage lines name "t2v", not the build folder.
get_filename_component(program_dir "${PROGRAM}" DIRECTORY)
get_filename_component(program_name "${PROGRAM}" NAME)
set(ENV{PATH} "${program_dir}:$ENV{PATH}")

# help_lines(<out-var> [args...]): the lines of "PROGRAM args... --help", as a CMake list in
# which ; [ ] are kept as placeholders (restored by troff_escape).
function(help_lines out)
    execute_process(COMMAND "${program_name}" ${ARGN} --help
                    OUTPUT_VARIABLE text ERROR_VARIABLE errors RESULT_VARIABLE result)
    if(NOT result EQUAL 0 OR text STREQUAL "")
        string(JOIN " " shown ${ARGN})
        message(FATAL_ERROR "'${program_name} ${shown} --help' failed (${result}): ${errors}")
    endif()
    string(REPLACE ";" "@SEMI@" text "${text}")
    string(REPLACE "[" "@LB@" text "${text}")
    string(REPLACE "]" "@RB@" text "${text}")
    string(REGEX REPLACE "\n+$" "" text "${text}")
    string(REPLACE "\n" ";" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Escapes one line of help text for troff: backslashes, hyphens (so options copy as ASCII
# minus signs) and a leading . or ' that troff would read as a request.
function(troff_escape out line)
    string(REPLACE "\\" "\\e" line "${line}")
    string(REPLACE "-" "\\-" line "${line}")
    string(REPLACE "@SEMI@" ";" line "${line}")
    string(REPLACE "@LB@" "[" line "${line}")
    string(REPLACE "@RB@" "]" line "${line}")
    if(line MATCHES "^[.']")
        set(line "\\&${line}")
    endif()
    set(${out} "${line}" PARENT_SCOPE)
endfunction()

# help_to_troff(<out-var> <top-level?> <lines>): converts one help text. At the top level the
# usage line is SYNOPSIS, the text after it DESCRIPTION, and a "Heading:" opens a section; in a
# command's subsection a heading is a bold label. Usage lines (and the indented lines that
# continue them) keep their layout.
function(help_to_troff out top)
    set(troff "")
    set(mode start) # start | usage | text | rows
    set(blank_before OFF)
    set(described OFF)
    foreach(raw IN LISTS ARGN)
        troff_escape(line "${raw}")
        if(mode STREQUAL "usage" AND (raw STREQUAL "" OR NOT raw MATCHES "^   "))
            string(APPEND troff ".fi\n")
            set(mode text)
            set(blank_before ON) # the text after a usage block is a paragraph of its own
        endif()
        if(raw MATCHES "^Usage: (.*)$")
            troff_escape(usage "${CMAKE_MATCH_1}")
            if(top)
                string(APPEND troff ".SH SYNOPSIS\n.nf\n${usage}\n")
            else()
                string(APPEND troff ".PP\n.nf\n\\fBUsage:\\fR ${usage}\n")
            endif()
            set(mode usage)
        elseif(mode STREQUAL "usage")
            string(APPEND troff "${line}\n")
        elseif(raw STREQUAL "")
            set(blank_before ON)
        elseif(raw MATCHES "^([A-Z][A-Za-z ]*):$")
            if(top)
                string(TOUPPER "${CMAKE_MATCH_1}" heading)
                string(APPEND troff ".SH ${heading}\n")
            else()
                string(APPEND troff ".PP\n\\fB${CMAKE_MATCH_1}:\\fR\n")
            endif()
            set(mode rows)
            set(blank_before OFF)
        elseif(mode STREQUAL "rows" AND raw MATCHES "^  [^ ]")
            # "  term  text": a row of an options, arguments or commands table; the term ends
            # at the first run of two or more spaces.
            string(STRIP "${line}" row)
            string(REGEX MATCH "^([^ ]| [^ ])*" term "${row}")
            string(LENGTH "${term}" term_length)
            string(SUBSTRING "${row}" ${term_length} -1 text)
            string(STRIP "${text}" text)
            string(APPEND troff ".TP\n\\fB${term}\\fR\n${text}\n")
            set(blank_before OFF)
        elseif(mode STREQUAL "rows" AND NOT blank_before AND raw MATCHES "^   ")
            string(STRIP "${line}" more)
            string(APPEND troff "${more}\n")
        else()
            if(top AND NOT described)
                string(APPEND troff ".SH DESCRIPTION\n")
                set(described ON)
            elseif(blank_before OR NOT mode STREQUAL "text")
                string(APPEND troff ".PP\n")
            endif()
            string(STRIP "${line}" line)
            string(APPEND troff "${line}\n")
            set(mode text)
            set(blank_before OFF)
        endif()
    endforeach()
    if(mode STREQUAL "usage")
        string(APPEND troff ".fi\n")
    endif()
    set(${out} "${troff}" PARENT_SCOPE)
endfunction()

string(TOUPPER "${NAME}" title)
troff_escape(name "${NAME}")
troff_escape(summary "${SUMMARY}")
set(page ".\\\" Generated from '${NAME} --help' by HelpToMan.cmake; do not edit.\n")
string(APPEND page ".TH ${title} 1 \"\" \"T2V Studio ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".nh\n") # no hyphenation: options and file names stay whole
string(APPEND page ".SH NAME\n${name} \\- ${summary}\n")

help_lines(top_lines)
help_to_troff(top_troff ON ${top_lines})
string(APPEND page "${top_troff}")

if(COMMANDS)
    # The rows of the "Commands:" block name the subcommands.
    set(commands "")
    set(in_commands OFF)
    foreach(raw IN LISTS top_lines)
        if(raw STREQUAL "Commands:")
            set(in_commands ON)
        elseif(in_commands AND raw MATCHES "^  ([a-z][a-z0-9-]*)  ")
            list(APPEND commands "${CMAKE_MATCH_1}")
        elseif(in_commands AND NOT raw MATCHES "^   ")
            set(in_commands OFF)
        endif()
    endforeach()
    if(NOT commands)
        message(FATAL_ERROR "'${PROGRAM} --help' lists no commands under \"Commands:\"")
    endif()
    string(APPEND page ".SH \"COMMAND OPTIONS\"\n")
    foreach(command IN LISTS commands)
        help_lines(command_lines ${command})
        # A command's usage line should name the command ("t2v demo [options]"); add it where
        # the help leaves it out.
        list(TRANSFORM command_lines REPLACE "^Usage: ${NAME} ([^a-z])" "Usage: ${NAME} ${command} \\1")
        help_to_troff(command_troff OFF ${command_lines})
        string(APPEND page ".SS \"${NAME} ${command}\"\n${command_troff}")
    endforeach()
endif()

if(EXTRA)
    file(READ "${EXTRA}" extra)
    string(APPEND page "${extra}")
endif()

# Debian installs man pages gzipped; -n keeps the archive free of a name and time stamp.
get_filename_component(page_name "${OUTPUT}" NAME_WLE)
set(plain "${WORK_DIR}/${page_name}")
file(WRITE "${plain}" "${page}")
execute_process(COMMAND gzip -9 -n -c INPUT_FILE "${plain}" OUTPUT_FILE "${OUTPUT}"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "gzip failed (${result})")
endif()
