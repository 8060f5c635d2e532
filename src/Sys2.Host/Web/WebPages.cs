using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;
using Sys2.Host.SignIn;

namespace Sys2.Host.Web;

/// <summary>
/// The people's workspace: Razor Pages under <c>Web/Pages</c>, server-rendered in Italian with Bootstrap
/// Italia. Every page needs the browser session (<see cref="BrowserSignIn.PagesPolicy"/>: no session, off to
/// the sign-in) and then asks <see cref="Access.Caller"/> the same question the API's endpoint asks, so a page
/// can show or change nothing the API would refuse.
/// </summary>
public static class WebPages
{
    /// <summary>Where the front-end packages are served from; the build copies them there from npm (see Sys2.Host.csproj).</summary>
    public const string LibPath = "/lib";

    public static void AddWebPages(this IServiceCollection services) =>
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Web/Pages";
                o.Conventions.AuthorizeFolder("/", BrowserSignIn.PagesPolicy);
            })
            // MVC looks for pages in the entry assembly, which is the test runner when a test starts the host:
            // name the host's own assembly (once; under `dotnet run` it is already there).
            .ConfigureApplicationPartManager(parts =>
            {
                var host = typeof(WebPages).Assembly;
                if (parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == host)) return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(host).GetApplicationParts(host))
                    parts.ApplicationParts.Add(part);
            });

    public static void MapWebPages(this WebApplication app)
    {
        if (LibFolder() is { } lib)
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(lib), RequestPath = LibPath });
        else
            app.Logger.LogWarning("No wwwroot/lib beside the host or in src/Sys2.Host: the pages will have no styles. Build Sys2.Host (it runs npm ci).");
        app.MapRazorPages();
    }

    /// <summary>
    /// The build's copy in the checkout (<c>dotnet run</c>, the tests: the same files the build just restored),
    /// else a published host's own <c>wwwroot/lib</c>.
    /// </summary>
    private static string? LibFolder()
    {
        string?[] candidates =
        [
            RepositoryRoot.TryFind() is { } root ? Path.Combine(root, "src", "Sys2.Host", "wwwroot", "lib") : null,
            Path.Combine(AppContext.BaseDirectory, "wwwroot", "lib"),
        ];
        return candidates.FirstOrDefault(Directory.Exists);
    }
}
