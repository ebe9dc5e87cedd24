; Inno Setup 6 script for Intake Desktop on Windows: a per-machine install of the
; PyInstaller folder, a Start-menu entry, and an uninstaller that keeps the data.
;
; Built by installer/build.py, which passes the version and the folder:
;   ISCC /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 /DSourceDir=..\dist\intake-desktop intake-desktop.iss
;
; The data (encrypted database, key information, settings) lives per Windows
; account in %LOCALAPPDATA%\Intake Desktop and the key in that account's
; Credential Manager; installing and updating never touch either. Uninstalling
; removes the data only when the person uninstalling says so, for their own account.
;
; Not compiled or run on Windows yet: see the README, "For beheerders".

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (installer/build.py does this)
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\intake-desktop"
#endif

#define AppName "Intake Desktop"
#define AppExe "intake-desktop.exe"
#define ConsoleExe "intake-desktop-console.exe"
; The folder name platformdirs gives the app under %LOCALAPPDATA% (intake_desktop/paths.py).
#define DataFolderName "Intake Desktop"

[Setup]
; Never change AppId: updates and the uninstaller find an existing install by it.
AppId={{BF83FACD-2A4B-47BE-A8BB-55D07FE42D08}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Intake Desktop contributors
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductVersion={#AppNumericVersion}
VersionInfoDescription={#AppName} Setup
; Per machine: one copy in Program Files for every account on a shared laptop.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=intake-desktop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\intake-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; An update closes a running Intake Desktop first (answers are saved as they are given).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
; The only per-user area touched is the data folder, and only at uninstall on explicit request.
UsedUserAreasWarning=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
dutch.SelfCheckName={#AppName} - zelftest
english.SelfCheckName={#AppName} - self-check
dutch.SelfCheckComment=Controleert of de installatie werkt, zonder gegevens aan te raken
english.SelfCheckComment=Checks that the installation works, without touching any data
dutch.DeleteDataQuestion=Wilt u ook de gegevens van Intake Desktop van dit Windows-account verwijderen?%n%n%1%n%nDaarin staat de versleutelde database met alle intakes. Verwijderde gegevens zijn niet terug te halen. Kies Nee als u twijfelt: de gegevens blijven dan staan en een nieuwe installatie gebruikt ze weer.%n%nGegevens van andere Windows-accounts op deze computer blijven altijd staan.
english.DeleteDataQuestion=Do you also want to delete the Intake Desktop data of this Windows account?%n%n%1%n%nIt holds the encrypted database with every intake. Deleted data cannot be recovered. Choose No if in doubt: the data stays and a new installation uses it again.%n%nData of other Windows accounts on this computer is always kept.
dutch.DeleteDataFailed=Niet alles in %1 kon worden verwijderd. Sluit Intake Desktop en verwijder de map zelf.
english.DeleteDataFailed=Not everything in %1 could be deleted. Close Intake Desktop and delete the folder yourself.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder: no module of an older version may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
; cmd /k keeps the window open so the lines can be read; the outer quotes are for cmd's quote rule.
Name: "{group}\{cm:SelfCheckName}"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#ConsoleExe}"" --self-check"""; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"; Comment: "{cm:SelfCheckComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; postinstall entries run as the user who started Setup, not as the administrator,
; so the first start creates the data and the key in that user's own account.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Whatever appeared beside the installed files later (none expected: the frozen program
; writes no bytecode), so no empty program folder is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function DataFolder(): String;
begin
  // The account running the uninstaller; with "over the shoulder" elevation that is
  // the administrator's account, whose folder normally does not exist: then nothing is asked.
  Result := ExpandConstant('{localappdata}\{#DataFolderName}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Folder := DataFolder();
  // A silent uninstall (software distribution) never deletes data.
  if UninstallSilent() or not DirExists(Folder) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [Folder]),
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if not DelTree(Folder, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('DeleteDataFailed'), [Folder]), mbError, MB_OK);
  end;
end;
