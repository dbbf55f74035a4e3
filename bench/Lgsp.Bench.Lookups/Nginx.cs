namespace Lgsp.Bench.Lookups;

/// <summary>nginx (Debian's package) as a plain reverse proxy to the business stand-in: keep-alive upstream, no logs, no cache.</summary>
internal static class Nginx
{
    public static ChildProcess Start(string work, int port, int upstreamPort)
    {
        var prefix = Path.Combine(work, "nginx");
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        // The workers run as nobody when started by root: they must be able to enter the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(Path.Combine(prefix, "temp"), (UnixFileMode)0b111_111_111);
        }
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            worker_processes auto;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/temp/body;
              proxy_temp_path {{prefix}}/temp/proxy;
              fastcgi_temp_path {{prefix}}/temp/fastcgi;
              uwsgi_temp_path {{prefix}}/temp/uwsgi;
              scgi_temp_path {{prefix}}/temp/scgi;
              upstream standin { server 127.0.0.1:{{upstreamPort}}; keepalive 128; }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://standin;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
              }
            }
            """);
        return ChildProcess.Start("nginx", "nginx", ["-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log")], prefix);
    }
}
