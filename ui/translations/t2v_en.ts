<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>t2v::ui::FinalPanel</name>
    <message numerus="yes">
        <source>Wrote %n file(s) in %1</source>
        <translation>
            <numerusform>Wrote %n file in %1</numerusform>
            <numerusform>Wrote %n files in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>t2v::ui::MainWindow</name>
    <message numerus="yes">
        <source> · %n failed</source>
        <translation>
            <numerusform> · %n failed</numerusform>
            <numerusform> · %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) in %1</source>
        <translation>
            <numerusform>Wrote %n file in %1</numerusform>
            <numerusform>Wrote %n files in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>t2v::ui::ScriptPanel</name>
    <message numerus="yes">
        <source>%n scene(s), %1</source>
        <translation>
            <numerusform>%n scene, %1</numerusform>
            <numerusform>%n scenes, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This replaces the %n scene(s) already written.</source>
        <translation>
            <numerusform>This replaces the scene already written.</numerusform>
            <numerusform>This replaces the %n scenes already written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rewrite %n scene(s). A note for the writer (optional):</source>
        <translation>
            <numerusform>Rewrite %n scene. A note for the writer (optional):</numerusform>
            <numerusform>Rewrite %n scenes. A note for the writer (optional):</numerusform>
        </translation>
    </message>
</context>
</TS>
