# syntax=docker/dockerfile:1
# Taskforge's image: the API (default command) and Taskforge.Worker (compose.yaml's worker runs
# `dotnet /app/worker/Taskforge.Worker.dll`), framework-dependent on the ASP.NET Core runtime.
#   docker build -t taskforge .
# Not built in this repository's CI (no container engine runs there); deploy/local/cluster.sh
# starts the same topology from the same publish output, and the multi-instance tests run on it.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so that this layer is rebuilt only when a package
# or a project reference changes, not on every source edit.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Taskforge.Domain/Taskforge.Domain.csproj src/Taskforge.Domain/
COPY src/Taskforge.Application/Taskforge.Application.csproj src/Taskforge.Application/
COPY src/Taskforge.Infrastructure/Taskforge.Infrastructure.csproj src/Taskforge.Infrastructure/
COPY src/Taskforge.Api/Taskforge.Api.csproj src/Taskforge.Api/
COPY src/Taskforge.Worker/Taskforge.Worker.csproj src/Taskforge.Worker/
RUN dotnet restore src/Taskforge.Api/Taskforge.Api.csproj -r linux-x64 -p:PublishReadyToRun=true \
 && dotnet restore src/Taskforge.Worker/Taskforge.Worker.csproj -r linux-x64 -p:PublishReadyToRun=true

COPY src/ src/
# ReadyToRun: code compiled ahead of time starts sooner and is fast before the JIT has warmed up.
RUN dotnet publish src/Taskforge.Api/Taskforge.Api.csproj -c Release --no-restore -r linux-x64 --self-contained false \
      -p:PublishReadyToRun=true -o /out/api \
 && dotnet publish src/Taskforge.Worker/Taskforge.Worker.csproj -c Release --no-restore -r linux-x64 --self-contained false \
      -p:PublishReadyToRun=true -o /out/worker

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /out/api/ /app/
COPY --from=build /out/worker/ /app/worker/

# Everything the app writes (SQLite file when Database:Provider=Sqlite, mail files under
# data/mail, reports under data/reports) is under /app/data, relative to the working directory.
# The image's non-root user `app` (APP_UID) owns it.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data

# Kestrel listens on 8080 inside the container (the aspnet image's ASPNETCORE_HTTP_PORTS);
# ASPNETCORE_URLS (e.g. http://+:9000) overrides it. Put nginx in front: deploy/nginx/taskforge.conf.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_ENVIRONMENT=Production
EXPOSE 8080

USER $APP_UID

# Liveness only: readiness (/health/ready) depends on the database and belongs to the load balancer.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1

ENTRYPOINT ["dotnet"]
CMD ["/app/Taskforge.Api.dll"]
