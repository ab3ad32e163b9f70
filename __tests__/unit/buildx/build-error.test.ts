import { describe, expect, it } from '@jest/globals'
import { classifyPushFailure, parseBuildError } from '../../../src/buildx/build-error.js'

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

describe('classifyPushFailure', () => {
  const U = 'http://localhost:43365/v2/exp/blobs/uploads/8f60a2c4?_state=bQ04kE5yCO-FJ403QX&digest=sha256%3A7c8f'
  const REF = 'config-sha256:7c8fab93185a34527dc43a08c12379b3ce9b1602e08f8a3128a1677e46fb7ce2'
  // the last lines buildx 0.29 (ERROR: failed to build: ...) and 0.13 (ERROR: failed to solve: ...) print, as seen on the testbed
  it.each<[string, string, boolean | undefined]>([
    [
      '500 on the manifest PUT by tag',
      `#6 ERROR: x\nERROR: failed to build: failed to solve: failed to push localhost:43365/exp:v1: failed commit on ref "index-sha256:3949a7f342fab1179277a837b7f1adcfadf3fb5de940a7f27f5abd5a6c5f7e3e": unexpected status from PUT request to http://localhost:43365/v2/exp/manifests/v1: 500 Internal Server Error`,
      true
    ],
    [
      'a reset blob upload (EOF), buildx 0.13',
      `ERROR: failed to solve: failed to push localhost:38269/exp:v1: failed commit on ref "${REF}": failed to do request: Put "${U}": EOF`,
      true
    ],
    [
      'a registry error code: unavailable',
      'ERROR: failed to build: failed to solve: failed to push localhost:1/a:b: unavailable: service unavailable',
      true
    ],
    [
      '429: toomanyrequests',
      'ERROR: failed to solve: failed to push ghcr.io/o/a:1: toomanyrequests: retry-after: 1s, allowed: 44000/minute',
      true
    ],
    [
      'a connection reset',
      'ERROR: failed to solve: failed to push r.io/a:1: failed to do request: Put "https://r.io/v2/a/manifests/1": read tcp 10.0.0.1:5->10.0.0.2:443: read: connection reset by peer',
      true
    ],
    [
      'an i/o timeout',
      'ERROR: failed to solve: failed to push r.io/a:1: failed to do request: Head "https://r.io/v2/a/blobs/sha256:ab": dial tcp 1.2.3.4:443: i/o timeout',
      true
    ],
    [
      '503 without a body',
      'ERROR: failed to solve: failed to push r.io:5000/a:500: unexpected status from PUT request to https://r.io:5000/v2/a/manifests/500: 503 Service Unavailable',
      true
    ],
    [
      '403: denied',
      'ERROR: failed to build: failed to solve: failed to push localhost:1/a:b: denied: requested access to the resource is denied',
      false
    ],
    ['401: unauthorized', 'ERROR: failed to solve: failed to push localhost:1/a:b: unauthorized: authentication required', false],
    [
      '403 without a body',
      'ERROR: failed to solve: failed to push r.io/a:1: unexpected status from PUT request to https://r.io/v2/a/manifests/1: 403 Forbidden',
      false
    ],
    ['404: name unknown', 'ERROR: failed to solve: failed to push r.io/a:1: name unknown: repository name not known to registry', false],
    ['a refused manifest', 'ERROR: failed to solve: failed to push r.io/a:1: manifest invalid: manifest invalid', false],
    ['a reason that names no known cause', 'ERROR: failed to solve: failed to push r.io/a:1: something odd happened', false],
    [
      'a port 500 or tag 429 in the reference is no status',
      'ERROR: failed to solve: failed to push r.io:500/a:429: denied: requested access to the resource is denied',
      false
    ],
    [
      'a failed RUN step is no push failure',
      'ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      undefined
    ],
    [
      'a failed RUN step quoting "failed to push" is no push failure (issue 21)',
      'ERROR: failed to build: failed to solve: process "/bin/sh -c echo \\"failed to push r.io/a:1: 500 Internal Server Error\\" && exit 1" did not complete successfully: exit code: 1',
      undefined
    ],
    [
      'a bake target that quotes it in its RUN command neither',
      'ERROR: target app: failed to solve: process "/bin/sh -c echo failed to push x: EOF; exit 1" did not complete successfully: exit code: 1',
      undefined
    ],
    [
      'a bake target whose push failed',
      'ERROR: target app: failed to solve: failed to push r.io/a:1: unavailable: service unavailable',
      true
    ],
    ['no ERROR line', '#5 DONE 0.1s', undefined]
  ])('%s', (_what, log, transient) => {
    const f = classifyPushFailure(log)
    expect(f?.transient).toBe(transient)
    if (f) {
      expect(f.reason).toMatch(/^failed to push /)
      // upload URLs (their state tokens) are left out
      expect(f.reason).not.toContain('_state=')
    }
  })
})
