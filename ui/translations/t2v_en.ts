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
    <name>t2v::ProjectSession</name>
    <message numerus="yes">
        <source>%n clip(s) of scenes the script no longer has are kept apart in the Videos tab.</source>
        <translation>
            <numerusform>A clip of a scene the script no longer has is kept apart in the Videos tab.</numerusform>
            <numerusform>%n clips of scenes the script no longer has are kept apart in the Videos tab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>t2v::ui::AccountEditDialog</name>
    <message numerus="yes">
        <source>%n model(s) listed by the service on %1.</source>
        <translation>
            <numerusform>%n model listed by the service on %1.</numerusform>
            <numerusform>%n models listed by the service on %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) listed by the service just now.</source>
        <translation>
            <numerusform>%n model listed by the service just now.</numerusform>
            <numerusform>%n models listed by the service just now.</numerusform>
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
    <message numerus="yes">
        <source>The film will have %n scene(s).</source>
        <translation>
            <numerusform>The film will have %n scene.</numerusform>
            <numerusform>The film will have %n scenes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n written scene(s) at the end will be removed.</source>
        <translation>
            <numerusform>The written scene at the end will be removed.</numerusform>
            <numerusform>%n written scenes at the end will be removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Their %n clip(s) are kept apart in the Videos tab, where you can still use or delete them.</source>
        <translation>
            <numerusform>Its clip is kept apart in the Videos tab, where you can still use or delete it.</numerusform>
            <numerusform>Their %n clips are kept apart in the Videos tab, where you can still use or delete them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Their %n clip(s) are kept apart in the Videos tab.</source>
        <translation>
            <numerusform>Its clip is kept apart in the Videos tab.</numerusform>
            <numerusform>Their %n clips are kept apart in the Videos tab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>t2v::ui::VideosPanel</name>
    <message numerus="yes">
        <source>%n clip(s) will be sent to the service again as new requests. The service may already have made (and billed) the earlier ones: Retry fetches those instead. Render again and pay again?</source>
        <translation>
            <numerusform>The clip will be sent to the service again as a new request. The service may already have made (and billed) the earlier one: Retry fetches it instead. Render again and pay again?</numerusform>
            <numerusform>%n clips will be sent to the service again as new requests. The service may already have made (and billed) the earlier ones: Retry fetches those instead. Render again and pay again?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n clip(s) and their files (clip, thumbnail, resample)? This cannot be undone.</source>
        <translation>
            <numerusform>Delete the clip and its files (clip, thumbnail, resample)? This cannot be undone.</numerusform>
            <numerusform>Delete %n clips and their files (clip, thumbnail, resample)? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) to make, free (rendered on your own hardware).</source>
        <translation>
            <numerusform>%n clip to make, free (rendered on your own hardware).</numerusform>
            <numerusform>%n clips to make, free (rendered on your own hardware).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) to make, estimated %1.</source>
        <translation>
            <numerusform>%n clip to make, estimated %1.</numerusform>
            <numerusform>%n clips to make, estimated %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2): %n clip(s), %3</source>
        <translation>
            <numerusform>%1 (%2): %n clip, %3</numerusform>
            <numerusform>%1 (%2): %n clips, %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The price of %n clip(s) is unknown.</source>
        <translation>
            <numerusform>The price of %n clip is unknown.</numerusform>
            <numerusform>The price of %n clips is unknown.</numerusform>
        </translation>
    </message>
</context>
</TS>
