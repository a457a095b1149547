@echo off
REM Installer for the legacy XP build agent
setlocal
set OLDAPP=C:\Documents and Settings\marta\Application Data\Acme
set SHARED=C:\Documents and Settings\All Users\Application Data\Acme
set NEWAPP=%APPDATA%\Acme
if exist "C:\Users\%USERNAME%\AppData\Roaming\Acme" goto migrate
xcopy /E /I "%OLDAPP%" "%NEWAPP%"
goto end

:migrate
copy "C:\Users\All Users\Acme\license.dat" "%NEWAPP%\"
copy "c:\users\oscar\Downloads\acme-license.dat" "%NEWAPP%\"

:end
endlocal
