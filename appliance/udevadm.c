/* udevadm: the daemon's "udevadm settle", answered without starting a shell when there is nothing to settle.
   guestfsd runs "udevadm settle" (often with -E DEVICE) as it starts, for every disk as it syncs them at shutdown,
   and after each action that makes or removes devices. In the lean boot no udevd runs, and the only work a settle
   has is the device-mapper links the udevadm script makes (appliance/udevadm): with no device-mapper device there
   is none. Under emulation a shell's start-up (the dynamic loader, the C library) is most of what a settle costs, so
   this program, linked statically, answers that case itself and hands everything else to the script, which stays
   the one place that says what a settle does. Installed as /usr/sbin/udevadm when the appliance build can compile
   it, with the script at SCRIPT; otherwise the script is /usr/sbin/udevadm. */
#include <dirent.h>
#include <string.h>
#include <unistd.h>

#define SCRIPT "/usr/lib/guestfs/udevadm"

/* Whether any device-mapper device exists (or /sys/block cannot be read, so the script must look). */
static int
has_dm_device (void)
{
  DIR *dir = opendir ("/sys/block");
  struct dirent *entry;
  int found = 0;

  if (dir == NULL)
    return 1;
  while (!found && (entry = readdir (dir)) != NULL)
    found = strncmp (entry->d_name, "dm-", 3) == 0;
  closedir (dir);
  return found;
}

int
main (int argc, char *argv[])
{
  const char *command = NULL;
  int i;

  for (i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      {
        command = argv[i];
        break;
      }

  if (command != NULL && strcmp (command, "settle") == 0
      && access ("/run/udev/control", F_OK) != 0 && !has_dm_device ())
    return 0;

  argv[0] = (char *) SCRIPT;
  execv (SCRIPT, argv);
  return 127;
}
