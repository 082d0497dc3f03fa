/* settime: a bash loadable builtin that sets the system clock, so the appliance's init can correct the clock of
   a restored snapshot without starting a program (a process start is the expensive thing under emulation).
     settime SECONDS[.MICROSECONDS]   seconds since the epoch */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
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
