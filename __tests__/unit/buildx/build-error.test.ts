import { describe, expect, it } from '@jest/globals'
import { parseBuildError } from '../../../src/buildx/build-error.js'

const RUN_FAILURE = `#5 [1/2] FROM docker.io/library/busybox:latest@sha256:e3652a00a2fabd16ce889f0aa32c38eec347b997e73bd09e69c962ec7f8732ee
#5 CACHED

#6 [2/2] RUN exit 3
#6 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
------
 > [2/2] RUN exit 3:
------
Dockerfile:2
--------------------
   1 |     FROM busybox
   2 | >>> RUN exit 3
   3 |
--------------------
ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3`

const PARSE_FAILURE = `#1 [internal] load build definition from Containerfile
#1 transferring dockerfile: 66B done
#1 DONE 0.0s
Containerfile:3
--------------------
   1 |     FROM busybox
   2 |     RUN true
   3 | >>> RUNN exit 3
   4 |
--------------------
ERROR: failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)
`

const MULTI_STAGE = `#9 [build 4/5] RUN make
#9 0.412 Dockerfile:7 is mentioned in program output
#9 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2
------
 > [build 4/5] RUN make:
0.401 make: *** No targets specified and no makefile found.  Stop.
------
Dockerfile.release:12
--------------------
  10 |     WORKDIR /src
  11 |     COPY . .
  12 | >>> RUN make
  13 |
--------------------
ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2
`

const PUSH_FAILURE = `#12 exporting to image
#12 pushing layers 0.2s done
#12 ERROR: failed to push localhost:5000/app:1: unexpected status from HEAD request: 401 Unauthorized
------
 > exporting to image:
------
ERROR: failed to build: failed to solve: failed to push localhost:5000/app:1: unexpected status from HEAD request: 401 Unauthorized
`

describe('parseBuildError', () => {
  it.each<[string, string, string, ReturnType<typeof parseBuildError>]>([
    [
      'RUN failure, default Dockerfile',
      RUN_FAILURE,
      'Dockerfile',
      {
        file: 'Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'the configured path is reported, not the base name buildx prints',
      RUN_FAILURE,
      'app/Dockerfile',
      {
        file: 'app/Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'no configured path: the printed name',
      RUN_FAILURE,
      '',
      {
        file: 'Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'CRLF log',
      RUN_FAILURE.replaceAll('\n', '\r\n'),
      'Dockerfile',
      {
        file: 'Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'parse error in a Containerfile',
      PARSE_FAILURE,
      'build/Containerfile',
      {
        file: 'build/Containerfile',
        line: 3,
        message: 'failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)'
      }
    ],
    [
      'older buildx message, suffixed file name, program output mentioning a Dockerfile is ignored',
      MULTI_STAGE,
      'Dockerfile.release',
      {
        file: 'Dockerfile.release',
        line: 12,
        message: 'failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2'
      }
    ],
    [
      'position without an ERROR line',
      'Dockerfile:4\n--------------------\n   4 | >>> RUN x\n',
      'Dockerfile',
      { file: 'Dockerfile', line: 4, message: 'build failed' }
    ],
    ['push failure has no position', PUSH_FAILURE, 'Dockerfile', undefined],
    ['empty log', '', 'Dockerfile', undefined],
    ['a position of an unrelated file is ignored', 'main.go:12\nERROR: failed to solve: x\n', 'Dockerfile', undefined]
  ])('%s', (_what, log, dockerfile, want) => {
    expect(parseBuildError(log, dockerfile)).toEqual(want)
  })
})
