; Inno Setup 6 script: one ExamSite-Setup-<version>.exe that installs the PyInstaller
; one-folder build (dist\ExamSite) with no internet.  Site data is never inside the
; program folder, so an upgrade replaces the program and keeps every site; the site
; store migrates itself (after a backup) the first time the new version opens it.
#define AppName "ExamSite 考点管理系统"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0C1E7A-4F7D-4B52-9C52-EXAMSITE0001}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ExamSite
DefaultDirName={autopf}\ExamSite
DefaultGroupName=ExamSite
OutputBaseFilename=ExamSite-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\examsite.exe
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\ExamSite\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ExamSite 考点管理系统"; Filename: "{app}\examsite.exe"; Parameters: "gui"
Name: "{autodesktop}\ExamSite 考点管理系统"; Filename: "{app}\examsite.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\examsite.exe"; Parameters: "--version"; Flags: runhidden waituntilterminated
