"""Canned success bodies, one per mode, as the document and docs/interfaces.md describe them."""

from __future__ import annotations

SUCCESS: dict[str, str] = {
    "querybalance": "Ok\n123.4500\n",
    "querysubaccounts": (
        "Ok\nSub-ID,Email,First Name,Last Name,Company,Fax Headline\n"
        '11,ann@example.com,Ann,Lee,"Lee, Smith & Co","Lee ""Fax"" line"\n'
        "12,,Bob,,,\n"
    ),
    "addsubaccount": "Ok\n17\n",
    "delsubaccount": "Ok\n",
    "updatesubaccount": "Ok\n",
    "querynumbers": (
        "Ok\nNumber,Service,Assigned-Service,Assigned-ID\n"
        "61299991234,voice,IVR,3\n"
        "61299991235,fax,,\n"
        "61299991236,voice,SIP,0\n"
    ),
    "assignnumber": "Ok\n",
    "querydidcountries": "Ok\nCountryName\nAustralia\nUnited Kingdom\n",
    "querydidcities": "Ok\nCountryName,CityName\nAustralia,Sydney\nAustralia,Melbourne\n",
    "querydids": (
        "Ok\nCountryName, CityName, DID\n"
        "Australia,Sydney,61280001111\nAustralia,Sydney,61280001112\n"
    ),
    "subscribedid": "Ok\n",
    "listivr": "Ok\nID,Name,DIDs\n3,Main menu,61299991234 61299991237\n4,Dialler,outbound\n",
    "listivml": (
        "Ok\nID,Name,LaunchURL,ResultURL,DIDs\n"
        "21,Support,https://example.com/ivml?a=1&b=2,https://example.com/result,61299991238\n"
        "22,Campaign,http://example.com/out,,outbound\n"
    ),
    "addivml": "Ok\n23\n",
    "updateivml": "Ok\n",
    "deleteivml": "Ok\n",
    "logfaxin": (
        "Ok\nID,Sub-ID,Date,Time,From,To,FaxStationID,Pages,Speed,Duration\n"
        "1001,0,2024-03-01,09:15:02,61755550000,61299991235,ACME FAX,3,14400,95\n"
        "1002,11,2024-03-02,17:00:59,4420799990000,61299991235,,1,9600,40\n"
    ),
    "logfaxout": (
        "Ok\nID,Sub-ID,Date,Time,From,To,Pages,Speed,Duration,Cost,Attempt,ErrorCode\n"
        "2001,0,2024-03-01,10:00:00,61299991235,61755550000,2,14400,60,0.2400,1,0\n"
        "2002,12,2024-03-01,10:05:00,61299991235,61755550001,2,0,12,0.0000,3,202\n"
    ),
    "logvoicein": (
        "Ok\nID,Sub-ID,Date,Time,From,To,Duration,Result,Cost,IVMLID\n"
        "3001,0,2024-03-03,08:00:00,61412345678,61299991234,125,answered,0.0500,21\n"
        "3002,0,2024-03-03,08:30:00,61412345679,61299991234,7,failed,0.0000,\n"
    ),
    "logvoiceout": (
        "Ok\nID,Sub-ID,Date,Time,From,To,Duration,Result,Cost,IVMLID\n"
        "4001,11,2024-03-04,12:00:00,61299991234,61412345678,300,answered,1.2000,\n"
    ),
    "logsmsin": (
        "Ok\nID,Sub-ID,Date,Time,From,To,MessageType,Message\n"
        "5001,0,2024-03-05,07:00:00,61412345678,61400000001,ASCII,Hello\\nWorld \\\\o/\n"
        "5002,0,2024-03-05,07:01:00,61412345678,61400000001,U16,"
        "004800e900200020d83dde00\n"
        '5003,0,2024-03-05,07:02:00,61412345678,61400000001,ASCII,"Hi, there"\n'
    ),
    "logsmsout": (
        "Ok\nID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n"
        "6001,0,2024-03-06,11:00:00,61400000001,61412345678,2,delivered,0.1600\n"
        "6002,12,2024-03-06,11:01:00,61400000001,61412345679,1,,0.0800\n"
    ),
    "settimezone": "Ok\nAustralia/Sydney\n",
    "querytimezone": "Ok\nEurope/London\n",
    "querysmscost": "Ok\n0.0800\n",
    "queryvoicecost": (
        "Ok\nFlagFall,PerSecond,PerMinute,BillingType,Cost\n0.1000,0.0010,0.0600,PerSecond,0.1600\n"
    ),
    "queryfaxcost": (
        "Ok\nFlagFall,PerSecond,PerMinute,PerPage,BillingType,Cost\n"
        "0.0000,0.0000,0.0000,0.1200,PerPage,0.1200\n"
    ),
}
