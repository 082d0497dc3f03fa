/* The appliance init's bash loadable builtins: what it would otherwise start a program for (a process start is the
   expensive thing under emulation).
     settime SECONDS[.MICROSECONDS]   set the system clock (seconds since the epoch): the clock of a restored snapshot
     mkchardev PATH MAJOR MINOR       make a character device node (mode 0600): the static nodes udev would make
     mountfs SOURCE DIR TYPE OPTIONS  mount(2) with fstab-style options: the pseudo file systems of /etc/guestfs/fstab
     linkup NAME                      bring a network interface up: the loopback */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include "builtins.h"
#include "shell.h"
#include "common.h"

static int
settime_builtin (WORD_LIST *list)
{
  struct timeval tv;
  const char *text;
  char *end;
  long long seconds, micros = 0;

  if (list == NULL || list->next != NULL)
    {
      builtin_usage ();
      return EX_USAGE;
    }
  text = list->word->word;
  errno = 0;
  seconds = strtoll (text, &end, 10);
  if (errno != 0 || end == text || seconds < 0)
    goto bad;
  if (*end == '.')
    {
      const char *digits = end + 1;
      int n = 0;
      for (; *digits >= '0' && *digits <= '9' && n < 6; digits++, n++)
        micros = micros * 10 + (*digits - '0');
      if (n == 0 || *digits != '\0')
        goto bad;
      for (; n < 6; n++)
        micros *= 10;
    }
  else if (*end != '\0')
    goto bad;

  tv.tv_sec = (time_t) seconds;
  tv.tv_usec = (suseconds_t) micros;
  if (settimeofday (&tv, NULL) != 0)
    {
      builtin_error ("cannot set the clock: %s", strerror (errno));
      return EXECUTION_FAILURE;
    }
  return EXECUTION_SUCCESS;

bad:
  builtin_error ("%s: not SECONDS[.MICROSECONDS] since the epoch", text);
  return EXECUTION_FAILURE;
}

static char *settime_doc[] = {
  "Set the system clock.",
  "",
  "Sets the clock to SECONDS (and MICROSECONDS, up to six digits) since the epoch.",
  (char *) NULL
};

struct builtin settime_struct = {
  "settime",
  settime_builtin,
  BUILTIN_ENABLED,
  settime_doc,
  "settime SECONDS[.MICROSECONDS]",
  0
};

/* A device number part: decimal digits only, at most 20 bits (the kernel's minor). */
static int
parse_device_part (const char *text, unsigned int *value)
{
  unsigned long n = 0;
  const char *p = text;

  if (*p == '\0')
    return 0;
  for (; *p >= '0' && *p <= '9'; p++)
    {
      n = n * 10 + (unsigned long) (*p - '0');
      if (n > 0xfffff)
        return 0;
    }
  *value = (unsigned int) n;
  return *p == '\0';
}

static int
mkchardev_builtin (WORD_LIST *list)
{
  const char *path;
  unsigned int major_number, minor_number;

  if (list == NULL || list->next == NULL || list->next->next == NULL || list->next->next->next != NULL)
    {
      builtin_usage ();
      return EX_USAGE;
    }
  path = list->word->word;
  if (!parse_device_part (list->next->word->word, &major_number)
      || !parse_device_part (list->next->next->word->word, &minor_number))
    {
      builtin_error ("%s %s: not a device number", list->next->word->word, list->next->next->word->word);
      return EXECUTION_FAILURE;
    }
  if (mknod (path, S_IFCHR | 0600, makedev (major_number, minor_number)) != 0)
    {
      builtin_error ("%s: %s", path, strerror (errno));
      return EXECUTION_FAILURE;
    }
  return EXECUTION_SUCCESS;
}

static char *mkchardev_doc[] = {
  "Make a character device node.",
  "",
  "Makes PATH a character device node (mode 0600) with the device number MAJOR:MINOR.",
  (char *) NULL
};

struct builtin mkchardev_struct = {
  "mkchardev",
  mkchardev_builtin,
  BUILTIN_ENABLED,
  mkchardev_doc,
  "mkchardev PATH MAJOR MINOR",
  0
};

/* OPTIONS as fstab has them: nosuid, nodev, noexec, ro become mount flags, X-… options (for mount(8) itself) are
   dropped, and the rest go to the file system as its data, in their order. */
static int
mountfs_builtin (WORD_LIST *list)
{
  const char *source, *dir, *type;
  char *options, *option, *save = NULL, *data;
  unsigned long flags = 0;
  size_t used = 0;
  int status;

  if (list == NULL || list->next == NULL || list->next->next == NULL || list->next->next->next == NULL
      || list->next->next->next->next != NULL)
    {
      builtin_usage ();
      return EX_USAGE;
    }
  source = list->word->word;
  dir = list->next->word->word;
  type = list->next->next->word->word;
  options = strdup (list->next->next->next->word->word);
  data = calloc (strlen (list->next->next->next->word->word) + 1, 1);
  if (options == NULL || data == NULL)
    {
      free (options);
      free (data);
      builtin_error ("out of memory");
      return EXECUTION_FAILURE;
    }
  for (option = strtok_r (options, ",", &save); option != NULL; option = strtok_r (NULL, ",", &save))
    {
      if (strcmp (option, "nosuid") == 0)
        flags |= MS_NOSUID;
      else if (strcmp (option, "nodev") == 0)
        flags |= MS_NODEV;
      else if (strcmp (option, "noexec") == 0)
        flags |= MS_NOEXEC;
      else if (strcmp (option, "ro") == 0)
        flags |= MS_RDONLY;
      else if (strcmp (option, "defaults") != 0 && strncmp (option, "X-", 2) != 0)
        {
          if (used > 0)
            data[used++] = ',';
          strcpy (data + used, option);
          used += strlen (option);
        }
    }
  status = mount (source, dir, type, flags, used > 0 ? data : NULL);
  free (options);
  free (data);
  if (status != 0)
    {
      builtin_error ("%s on %s: %s", type, dir, strerror (errno));
      return EXECUTION_FAILURE;
    }
  return EXECUTION_SUCCESS;
}

static char *mountfs_doc[] = {
  "Mount a file system.",
  "",
  "Mounts SOURCE of TYPE on DIR with fstab-style OPTIONS (nosuid, nodev, noexec and ro as flags, X-… ignored,",
  "the rest passed to the file system).",
  (char *) NULL
};

struct builtin mountfs_struct = {
  "mountfs",
  mountfs_builtin,
  BUILTIN_ENABLED,
  mountfs_doc,
  "mountfs SOURCE DIR TYPE OPTIONS",
  0
};

static int
linkup_builtin (WORD_LIST *list)
{
  struct ifreq request;
  int sock, status = -1;

  if (list == NULL || list->next != NULL || strlen (list->word->word) >= IFNAMSIZ)
    {
      builtin_usage ();
      return EX_USAGE;
    }
  memset (&request, 0, sizeof request);
  strcpy (request.ifr_name, list->word->word);
  sock = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock >= 0 && ioctl (sock, SIOCGIFFLAGS, &request) == 0)
    {
      request.ifr_flags |= IFF_UP;
      status = ioctl (sock, SIOCSIFFLAGS, &request);
    }
  if (status != 0)
    builtin_error ("%s: %s", list->word->word, strerror (errno));
  if (sock >= 0)
    close (sock);
  return status == 0 ? EXECUTION_SUCCESS : EXECUTION_FAILURE;
}

static char *linkup_doc[] = {
  "Bring a network interface up.",
  "",
  "Sets the IFF_UP flag of interface NAME.",
  (char *) NULL
};

struct builtin linkup_struct = {
  "linkup",
  linkup_builtin,
  BUILTIN_ENABLED,
  linkup_doc,
  "linkup NAME",
  0
};
