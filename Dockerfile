# syntax=docker/dockerfile:1
# DescribeFunction as a Native AOT container for Cloud Run, triggered by Eventarc (see "Native AOT and ReadyToRun"
# in the README). Build from the repository root:
#   docker build -t describe-image .          or          gcloud builds submit --tag IMAGE --ignore-file=.dockerignore .

# Build stage: the .NET 10 SDK image (Ubuntu 24.04) plus what Native AOT links with, clang and zlib's headers.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /source

# Restore first, from the files that decide the packages, so that a source change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props function.yaml ./
COPY src/DescribeFunction/DescribeFunction.csproj src/DescribeFunction/
RUN dotnet restore src/DescribeFunction -r linux-x64 -p:PublishAot=true

COPY src/DescribeFunction/ src/DescribeFunction/
RUN dotnet publish src/DescribeFunction -c Release -r linux-x64 -p:PublishAot=true --no-restore -o /app \
    && rm -f /app/*.dbg /app/*.staticwebassets.endpoints.json

# Runtime stage: only the native dependencies (no .NET runtime), Ubuntu Chiseled: no shell, no package manager.
# It runs as the non-root user app (UID 1654) and is invariant-globalization, which the app is built for.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app/DescribeFunction /app/function.yaml ./
# Cloud Run sets PORT (8080 by default) and K_SERVICE; with K_SERVICE the host binds all interfaces and logs JSON.
# ASPNETCORE_HTTP_PORTS from the base image is cleared: the host listens on PORT itself.
ENV PORT=8080 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["/app/DescribeFunction"]
