/* stock: the baseline `make bench` compares pcaphunt with: a plain libpcap loop, pcap_open_offline
 * and pcap_next_ex over every record, counting packets and summing caplen (printed, so the loop
 * cannot be optimised away).  Usage: stock FILE */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc != 2) { fprintf(stderr, "usage: stock FILE\n"); return 2; }
    pcap_t *p = pcap_open_offline(argv[1], err);
    if (!p) { fprintf(stderr, "stock: %s\n", err); return 2; }
    struct pcap_pkthdr *h;
    const u_char *data;
    unsigned long long packets = 0, bytes = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
        packets++;
        bytes += h->caplen;
    }
    if (rc == PCAP_ERROR) { fprintf(stderr, "stock: %s\n", pcap_geterr(p)); return 2; }
    pcap_close(p);
    printf("packets=%llu bytes=%llu\n", packets, bytes);
    return 0;
}
