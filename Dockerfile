# Builds the three streamsaga binaries into one small image; docker-compose.yml
# picks the binary per service.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ \
      ./orchestrator/cmd/orchestrator ./participants/cmd/inventory ./participants/cmd/payment

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ /usr/local/bin/
USER nonroot
ENTRYPOINT ["/usr/local/bin/orchestrator"]
