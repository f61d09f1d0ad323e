# SYNTAX TEST "source.dockerfile" "image references in FROM lines"

FROM nginx:1.27
# <---- keyword.other.special-method.dockerfile
#    ^^^^^ entity.name.image.repository.image-trust
#         ^ punctuation.separator.tag.image-trust
#          ^^^^ entity.name.image.tag.image-trust
#    ^^^^^^^^^^ meta.image-reference.image-trust
#    ^^^^^^^^^^ - entity.name.image.registry.image-trust
#    ^^^^^^^^^^ - entity.name.image.digest.image-trust

FROM ghcr.io/acme/tools/app:v2.1-rc.1
#    ^^^^^^^ entity.name.image.registry.image-trust
#           ^ punctuation.separator.registry.image-trust
#            ^^^^^^^^^^^^^^ entity.name.image.repository.image-trust
#                          ^ punctuation.separator.tag.image-trust
#                           ^^^^^^^^^ entity.name.image.tag.image-trust

FROM localhost:5000/team/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
#    ^^^^^^^^^^^^^^ entity.name.image.registry.image-trust
#                   ^^^^^^^^ entity.name.image.repository.image-trust
#                           ^ punctuation.separator.digest.image-trust
#                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.image.digest.image-trust
#                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - entity.name.image.tag.image-trust

FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build
#    ^^^^^^ entity.name.image.repository.image-trust
#           ^^^^^^^^^ entity.name.image.tag.image-trust
#                    ^ punctuation.separator.digest.image-trust
#                     ^^^^^^^ entity.name.image.digest.image-trust
#                                                                                             ^^ keyword.other.special-method.dockerfile
#                                                                                                ^^^^^ entity.name.type.stage.image-trust
#                                                                                                ^^^^^ - entity.name.image.repository.image-trust

FROM --platform=linux/arm64 docker.io/library/alpine:3.20 as base
#    ^^^^^^^^^^ variable.parameter.flag.image-trust
#                ^^^^^^^^^^^ - entity.name.image.repository.image-trust
#                           ^^^^^^^^^ entity.name.image.registry.image-trust
#                                     ^^^^^^^^^^^^^^ entity.name.image.repository.image-trust
#                                                    ^^^^ entity.name.image.tag.image-trust
#                                                         ^^ keyword.other.special-method.dockerfile
#                                                            ^^^^ entity.name.type.stage.image-trust

from myhost:5000/app
# <---- keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^ entity.name.image.registry.image-trust
#                ^^^ entity.name.image.repository.image-trust

FROM library/redis
#    ^^^^^^^^^^^^^ entity.name.image.repository.image-trust
#    ^^^^^^^^^^^^^ - entity.name.image.registry.image-trust

ONBUILD FROM busybox
# <------- keyword.control.dockerfile
#            ^^^^^^^ entity.name.image.repository.image-trust

FROM ${BASE_IMAGE}
#    ^^^^^^^^^^^^^ - meta.image-reference.image-trust

FROM Nginx:1.27
#    ^^^^^^^^^^ - entity.name.image.repository.image-trust

FROM scratch
#    ^^^^^^^ entity.name.image.repository.image-trust

# FROM nginx:1.27 in a comment
#      ^^^^^ - entity.name.image.repository.image-trust
#      ^^^^^ comment.line.number-sign.dockerfile

RUN echo nginx:1.27
#        ^^^^^ - entity.name.image.repository.image-trust
