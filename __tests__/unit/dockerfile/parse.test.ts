import { describe, it, expect } from '@jest/globals'
import { finalStageBase } from '../../../src/dockerfile/parse.js'

describe('finalStageBase', () => {
  it.each<[string, string, Record<string, string>, string | undefined, string | undefined]>([
    ['single FROM', 'FROM alpine:3.20\nRUN true\n', {}, undefined, 'alpine:3.20'],
    ['lowercase instruction', 'from alpine:3.20 as base\n', {}, undefined, 'alpine:3.20'],
    [
      'last stage wins',
      'FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      {},
      undefined,
      'alpine:3.20'
    ],
    ['target stage, case-insensitive', 'FROM golang:1.23 AS Build\nFROM alpine:3.20\n', {}, 'BUILD', 'golang:1.23'],
    ['unknown target', 'FROM alpine\n', {}, 'nope', undefined],
    ['scratch', 'FROM golang AS build\nFROM scratch\nCOPY --from=build /x /x\n', {}, undefined, undefined],
    [
      'chain of stages to an image',
      'FROM alpine:3.20 AS base\nFROM base AS deps\nRUN apk add curl\nFROM deps\n',
      {},
      undefined,
      'alpine:3.20'
    ],
    ['chain of stages to scratch', 'FROM scratch AS base\nFROM base\n', {}, undefined, undefined],
    ['stage reference is case-insensitive', 'FROM alpine AS Base\nFROM BASE\n', {}, undefined, 'alpine'],
    ['a later stage is not a reference', 'FROM app\nFROM alpine AS app\n', {}, 'app', 'alpine'],
    [
      'platform flag',
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=$TARGETPLATFORM gcr.io/distroless/static:nonroot\n',
      {},
      undefined,
      'gcr.io/distroless/static:nonroot'
    ],
    [
      'syntax directive and comments',
      '# syntax=docker/dockerfile:1\n# a comment\nFROM alpine:3 # not a comment, but ignored\n',
      {},
      undefined,
      'alpine:3'
    ],
    ['ARG default', 'ARG BASE=alpine:3\nFROM ${BASE}\n', {}, undefined, 'alpine:3'],
    [
      'ARG overridden by build arg',
      'ARG BASE=alpine:3\nFROM $BASE\n',
      { BASE: 'localhost:5000/base:multi' },
      undefined,
      'localhost:5000/base:multi'
    ],
    ['ARG without default given as build arg', 'ARG BASE\nFROM ${BASE}\n', { BASE: 'debian:12' }, undefined, 'debian:12'],
    ['ARG without default, not given', 'ARG BASE\nFROM ${BASE}\n', {}, undefined, undefined],
    ['undeclared build arg is not used', 'FROM ${BASE:-alpine}\n', { BASE: 'debian' }, undefined, 'alpine'],
    ['${VAR:-default} unset', 'ARG TAG\nFROM alpine:${TAG:-3.20}\n', {}, undefined, 'alpine:3.20'],
    ['${VAR:-default} set', 'ARG TAG\nFROM alpine:${TAG:-3.20}\n', { TAG: '3.19' }, undefined, 'alpine:3.19'],
    ['${VAR:-default} empty', 'ARG TAG=\nFROM alpine:${TAG:-3.20}\n', {}, undefined, 'alpine:3.20'],
    ['${VAR-default} empty keeps empty', 'ARG SUFFIX=\nFROM alpine:3${SUFFIX-.20}\n', {}, undefined, 'alpine:3'],
    ['${VAR:+alt}', 'ARG SLIM=1\nFROM python:3.12${SLIM:+-slim}\n', {}, undefined, 'python:3.12-slim'],
    ['$VAR followed by text', 'ARG REG=ghcr.io\nARG VERSION=1.2\nFROM $REG/org/app:v$VERSION\n', {}, undefined, 'ghcr.io/org/app:v1.2'],
    [
      'ARG default using an earlier ARG',
      'ARG VERSION=3.20\nARG BASE=alpine:${VERSION}\nFROM ${BASE}\n',
      { VERSION: '3.19' },
      undefined,
      'alpine:3.19'
    ],
    ['several ARGs on one line, quoted', 'ARG REPO="alpine" TAG=\'3.20\'\nFROM ${REPO}:${TAG}\n', {}, undefined, 'alpine:3.20'],
    ['ARG after the first FROM is stage-scoped', 'FROM alpine AS a\nARG BASE=debian\nFROM ${BASE:-busybox}\n', {}, undefined, 'busybox'],
    ['line continuation', 'FROM \\\n  --platform=linux/amd64 \\\n  alpine:3.20 \\\n  AS final\n', {}, undefined, 'alpine:3.20'],
    [
      'comment and blank line inside a continuation',
      'RUN echo a \\\n# comment\n\n  && echo b\nFROM alpine:3.20\n',
      {},
      undefined,
      'alpine:3.20'
    ],
    ['CRLF line endings', 'ARG BASE=alpine:3\r\nFROM ${BASE} AS x\r\nRUN true\r\n', {}, undefined, 'alpine:3'],
    [
      'escape directive',
      '# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022\n',
      {},
      undefined,
      'mcr.microsoft.com/windows/servercore:ltsc2022'
    ],
    ['heredoc body is not an instruction', 'FROM alpine:3.20\nRUN <<EOF\nFROM evil\nEOF\n', {}, undefined, 'alpine:3.20'],
    ['a here-string is not a heredoc', 'FROM golang AS b\nRUN cat <<<"EOF"\nFROM alpine:3.20\n', {}, undefined, 'alpine:3.20'],
    ['two heredocs on one line', 'FROM alpine:3.20\nCOPY <<A <<B /dir/\nFROM x\nA\nFROM y\nB\n', {}, undefined, 'alpine:3.20'],
    ['heredoc with dash and quotes', 'FROM alpine:3.20\nCOPY <<-"END" /etc/x\n\tFROM evil\n\tEND\n', {}, undefined, 'alpine:3.20'],
    [
      'automatic platform ARGs come from build args when given',
      'FROM --platform=$BUILDPLATFORM alpine AS b\nFROM base-${TARGETARCH}\n',
      { TARGETARCH: 'arm64' },
      undefined,
      'base-arm64'
    ],
    ['no FROM', '# nothing\n', {}, undefined, undefined],
    ['empty', '', {}, undefined, undefined]
  ])('%s', (_name, dockerfile, args, target, expected) => {
    expect(finalStageBase(dockerfile, args, target)).toBe(expected)
  })
})
