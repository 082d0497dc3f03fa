/* The appliance init's bash loadable builtins: what it would otherwise start a program for (a process start is the
   expensive thing under emulation).
     settime SECONDS[.MICROSECONDS]   set the system clock (seconds since the epoch): the clock of a restored snapshot
     mkchardev PATH MAJOR MINOR       make a character device node (mode 0600): the static nodes udev would make */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
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
