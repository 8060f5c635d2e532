using System.Net;
using System.Net.Sockets;

namespace Sys2.PrivatePostgres;

/// <summary>Loopback ports for the cluster: a fixed port would clash with a system PostgreSQL or another checkout.</summary>
internal static class FreeTcpPort
{
    /// <summary>Asks the kernel for an unused port by binding to port 0.</summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
